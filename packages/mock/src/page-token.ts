import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Opaque page tokens: the position after which the next page starts (a creation sequence
 * number, so inserts and deletes between pages never skip or repeat a profile), signed so a
 * forged or altered token is refused. The alphabet is base64url plus `.`, which the spec's
 * `page_token` pattern allows.
 */
export class PageTokens {
  private readonly key = randomBytes(32);

  /** A token for "after sequence number `after` of project `projectId`". */
  encode(projectId: string, after: number): string {
    const payload = Buffer.from(String(after)).toString("base64url");
    return `${payload}.${this.sign(projectId, payload)}`;
  }

  /** The sequence number a token stands for, or undefined when it is not one of ours. */
  decode(projectId: string, token: string): number | undefined {
    const [payload, signature, ...rest] = token.split(".");
    if (payload === undefined || signature === undefined || rest.length > 0) return undefined;
    const expected = Buffer.from(this.sign(projectId, payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const after = Number(Buffer.from(payload, "base64url").toString());
    return Number.isSafeInteger(after) && after >= 0 ? after : undefined;
  }

  private sign(projectId: string, payload: string): string {
    return createHmac("sha256", this.key)
      .update(`${projectId}\n${payload}`)
      .digest("base64url")
      .slice(0, 22);
  }
}
