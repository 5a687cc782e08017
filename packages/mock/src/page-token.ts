import { fromBase64Url, toBase64Url } from "./base64url.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Opaque page tokens: the position after which the next page starts (a creation sequence
 * number, so inserts and deletes between pages never skip or repeat a profile), signed with
 * HMAC-SHA-256 (Web Crypto) so a forged or altered token is refused. The key is drawn on first
 * use, never at load time (workerd refuses randomness in global scope). The alphabet is
 * base64url plus `.`, which the spec's `page_token` pattern allows.
 */
export class PageTokens {
  private key: Promise<CryptoKey> | undefined;
  // Tokens are deterministic, so each one is signed and verified once: a Web Crypto call is a
  // round trip through the runtime's job queue, which a page read should not pay every time.
  private readonly issued = new Map<string, string>();
  private readonly verified = new Map<string, number>();

  /** A token for "after sequence number `after` of project `projectId`". */
  async encode(projectId: string, after: number): Promise<string> {
    const cacheKey = `${projectId}\n${after}`;
    const known = this.issued.get(cacheKey);
    if (known !== undefined) return known;
    const payload = toBase64Url(encoder.encode(String(after)));
    const signature = await crypto.subtle.sign(
      "HMAC",
      await this.signingKey(),
      signed(projectId, payload),
    );
    const token = `${payload}.${toBase64Url(new Uint8Array(signature))}`;
    remember(this.issued, cacheKey, token);
    return token;
  }

  /** The sequence number a token stands for, or undefined when it is not one of ours. */
  async decode(projectId: string, token: string): Promise<number | undefined> {
    const cacheKey = `${projectId}\n${token}`;
    const known = this.verified.get(cacheKey);
    if (known !== undefined) return known;
    const after = await this.verify(projectId, token);
    if (after !== undefined) remember(this.verified, cacheKey, after);
    return after;
  }

  private async verify(projectId: string, token: string): Promise<number | undefined> {
    const [payload, signature, ...rest] = token.split(".");
    if (payload === undefined || signature === undefined || rest.length > 0) return undefined;
    const given = fromBase64Url(signature);
    const text = fromBase64Url(payload);
    if (given === undefined || text === undefined) return undefined;
    // verify compares in constant time.
    const valid = await crypto.subtle.verify(
      "HMAC",
      await this.signingKey(),
      given,
      signed(projectId, payload),
    );
    if (!valid) return undefined;
    const after = Number(decoder.decode(text));
    return Number.isSafeInteger(after) && after >= 0 ? after : undefined;
  }

  private signingKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]) as Promise<CryptoKey>;
    return this.key;
  }
}

/** Keeps at most 10 000 entries: past that the cache starts over (it only saves work). */
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, value);
}

function signed(projectId: string, payload: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(`${projectId}\n${payload}`);
}
