/** Domain errors; the one error handler in app.ts maps them to HTTP status and `{ error: { code, message } }`. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'resource') {
    super(404, 'not_found', `${what} not found`);
  }
}

export class ValidationError extends AppError {
  constructor(message: string) {
    super(400, 'validation_error', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'a valid bearer token is required') {
    super(401, 'unauthorized', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** An upstream dependency (the model) failed; the detail goes to the log, never to the client. */
export class UpstreamError extends AppError {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'rate_limited' | 'server_error' | 'invalid_output' | 'truncated' | 'network' | 'refused',
  ) {
    super(502, 'upstream_error', message);
  }
}
