import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signs and checks certificate codes: `<serial>.<signature>`, where the serial is 16 random bytes
 * and the signature the first 16 bytes of HMAC-SHA256(serial) under a key derived (HKDF) from the
 * data encryption key for this purpose only. A code cannot be guessed (128 random bits) nor
 * altered or forged without the key; checking it needs no database look-up, so a forged code
 * is refused before any query.
 */
export class CertificateCodeSigner {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    this.key = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jingsai/certificate/v1', 32),
    );
  }

  newSerial(): string {
    return randomBytes(16).toString('base64url');
  }

  sign(serial: string): string {
    return `${serial}.${this.signature(serial).toString('base64url')}`;
  }

  /** The serial of a genuinely signed code, or null for anything forged, altered or malformed. */
  verify(code: string): string | null {
    const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
    if (!match) return null;
    const [, serial, given] = match as unknown as [string, string, string];
    const expected = this.signature(serial);
    const actual = Buffer.from(given, 'base64url');
    // Re-encoding catches non-canonical base64url spellings of the same bytes.
    if (actual.length !== expected.length || actual.toString('base64url') !== given) return null;
    return timingSafeEqual(actual, expected) ? serial : null;
  }

  private signature(serial: string): Buffer {
    return createHmac('sha256', this.key).update(serial).digest().subarray(0, 16);
  }
}
