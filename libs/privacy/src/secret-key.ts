import { inspect } from 'node:util';

/**
 * Key material that never prints: configuration objects end up in logs and error reports by
 * accident, keys must not. The bytes are reachable only through `bytes()`.
 */
export class SecretKey {
  readonly #bytes: Buffer;

  constructor(bytes: Buffer) {
    this.#bytes = Buffer.from(bytes);
  }

  bytes(): Buffer {
    return this.#bytes;
  }

  toJSON(): string {
    return '[secret key]';
  }

  toString(): string {
    return '[secret key]';
  }

  [inspect.custom](): string {
    return '[secret key]';
  }
}
