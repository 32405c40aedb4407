/**
 * A `fetch` for the upload's PUTs to S3 made with XMLHttpRequest, the one browser API that reports
 * bytes sent while a request is under way (fetch only knows when a part is done). `onBytes` gets
 * each change of the bytes in flight: positive while sending, negative when a failed attempt's
 * bytes no longer count (the uploader retries it).
 */
export function xhrPut(onBytes: (delta: number) => void): typeof fetch {
  const put = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      let counted = 0;
      const uncount = () => {
        onBytes(-counted);
        counted = 0;
      };
      xhr.open(init?.method ?? 'PUT', input instanceof Request ? input.url : String(input));
      xhr.upload.onprogress = (event) => {
        onBytes(event.loaded - counted);
        counted = event.loaded;
      };
      xhr.onload = () => {
        if (xhr.status < 200 || xhr.status >= 300) uncount();
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/\r?\n/)) {
          const colon = line.indexOf(':');
          if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
        }
        const empty = xhr.status === 204 || xhr.status === 304;
        resolve(new Response(empty ? null : xhr.responseText, { status: xhr.status, headers }));
      };
      xhr.onerror = () => {
        uncount();
        reject(new TypeError('The upload to storage failed (network error).'));
      };
      xhr.onabort = () => {
        uncount();
        reject(new DOMException('The upload was aborted.', 'AbortError'));
      };
      const abort = () => xhr.abort();
      init?.signal?.addEventListener('abort', abort, { once: true });
      xhr.onloadend = () => init?.signal?.removeEventListener('abort', abort);
      xhr.send((init?.body ?? null) as XMLHttpRequestBodyInit | null);
    });
  return put as typeof fetch;
}
