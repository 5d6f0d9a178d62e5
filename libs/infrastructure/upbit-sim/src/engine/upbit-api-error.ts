/**
 * A refusal in Upbit's words: HTTP status plus the `{"error":{"name","message"}}` body. `name` is a
 * number for some quotation errors (e.g. 404 "Code not found"), as on the real API.
 */
export class UpbitApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string | number,
    message: string,
    /** The offending value, for logs and tests. */
    readonly value?: unknown,
  ) {
    super(message);
    this.name = 'UpbitApiError';
  }

  get code(): string {
    return String(this.errorName);
  }

  body(): { error: { name: string | number; message: string } } {
    return { error: { name: this.errorName, message: this.message } };
  }
}

export const validationError = (field: string, value: unknown): UpbitApiError =>
  new UpbitApiError(400, 'validation_error', `${field} is missing, ${field} does not have a valid value`, value);

export const missingParameter = (field: string): UpbitApiError =>
  new UpbitApiError(400, 400, 'Missing request parameter error. Check the required parameters!', field);

export const codeNotFound = (market: string): UpbitApiError => new UpbitApiError(404, 404, 'Code not found', market);

export const orderNotFound = (id: string): UpbitApiError =>
  new UpbitApiError(404, 'order_not_found', '주문을 찾지 못했습니다.', id);
