import { Inject, Injectable } from '@nestjs/common';
import { hkdfSync } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@hokenshitsu/core';

/**
 * The secret behind the differential-privacy noise. Derived from EMPLOYER_HMAC_KEY with HKDF under
 * its own label, so there is no second secret to manage, yet the two uses never share a key: knowing
 * the noise of a release says nothing about employer hashes, and the reverse.
 */
@Injectable()
export class NoiseKey {
  readonly value: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.value = Buffer.from(hkdfSync('sha256', config.employerHmacKey, 'hokenshitsu', 'release-noise-v1', 32));
  }
}
