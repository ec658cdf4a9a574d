// A bare HTTP helper for tests that talk to the fake registry directly (no client of ours in between).
export interface RawResponse {
  status: number;
  contentType: string | null;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read registry answers of any shape
  json: any;
}

/** One request with Confluent's content type (unless headers say otherwise); body objects are JSON-encoded. */
export async function call(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  const init: RequestInit = { method, headers: { Accept: 'application/vnd.schemaregistry.v1+json', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] ??= 'application/vnd.schemaregistry.v1+json';
  }
  const res = await fetch(baseUrl + path, init);
  const text = await res.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type'), headers: res.headers, text, json };
}

export function basic(username: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}
