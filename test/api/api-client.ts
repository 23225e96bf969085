// A plain-fetch client for the REST API, as an integrator would write one: bearer key, JSON in,
// and the status, headers and parsed JSON body of every answer kept for assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field and let assertions judge them
export type Json = any;

export interface ApiAnswer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null,
  ) {}

  get<T = Json>(path: string): Promise<ApiAnswer<T>> {
    return this.send<T>('GET', path);
  }

  post<T = Json>(path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    return this.send<T>('POST', path, body === undefined ? undefined : JSON.stringify(body), headers);
  }

  patch<T = Json>(path: string, body: unknown): Promise<ApiAnswer<T>> {
    return this.send<T>('PATCH', path, JSON.stringify(body));
  }

  /** Sends the body as given, for requests that are deliberately not JSON. */
  async send<T = Json>(method: string, path: string, rawBody?: string, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        ...(rawBody === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: rawBody,
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as T) : (undefined as T) };
  }
}
