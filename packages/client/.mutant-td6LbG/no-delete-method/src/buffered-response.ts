const decoder = new TextDecoder();

/**
 * A Response whose body is already in memory. It reads like a normal Response through everything
 * openapi-fetch and middleware use (text, json, arrayBuffer, blob, body, clone), without going
 * through a stream again, which in Node costs more than the rest of a request's handling.
 */
export class BufferedResponse extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #headers: Headers;

  constructor(
    bytes: Uint8Array<ArrayBuffer>,
    source: Pick<Response, "status" | "statusText" | "headers">,
  ) {
    super(null, { status: source.status, statusText: source.statusText });
    this.#bytes = bytes;
    // The source's headers as they are, rather than a copy per response.
    this.#headers = source.headers;
  }

  override get headers(): Headers {
    return this.#headers;
  }

  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    return this.#bytes.byteLength === 0
      ? null
      : (new Response(this.#bytes).body as ReadableStream<Uint8Array<ArrayBuffer>>);
  }

  override text(): Promise<string> {
    return Promise.resolve(decoder.decode(this.#bytes));
  }

  override async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.slice().buffer);
  }

  override blob(): Promise<Blob> {
    return Promise.resolve(
      new Blob([this.#bytes], { type: this.headers.get("content-type") ?? "" }),
    );
  }

  override clone(): BufferedResponse {
    return new BufferedResponse(this.#bytes, this);
  }
}
