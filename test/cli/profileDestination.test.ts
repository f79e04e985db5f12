// What `assume --profile NAME` records in the config file beside the keys: the endpoint when it is
// not AWS's, the region when --region gave one (else only for a profile without one).
import { describe, expect, it } from 'vitest';
import { settingsToRecord } from '../../src/cli/profileDestination.js';
import type { Transport } from '../../src/cli/resolveConnection.js';
import { isAwsEndpoint } from '../../src/sts/endpoint.js';

const transport = (endpoint: string, region = 'eu-west-1'): Transport => ({ endpoint, region, verifySsl: true, timeoutMs: 30_000 });

describe('settingsToRecord', () => {
  it("records nothing for AWS's own endpoints unless --region was given", () => {
    expect(settingsToRecord(transport('https://sts.eu-west-1.amazonaws.com'), false)).toBeUndefined();
    expect(settingsToRecord(transport('https://sts.amazonaws.com'), false)).toBeUndefined();
    expect(settingsToRecord(transport('https://sts.cn-north-1.amazonaws.com.cn', 'cn-north-1'), false)).toBeUndefined();
    expect(settingsToRecord(transport('https://sts.eu-west-1.amazonaws.com'), true)).toEqual({ region: 'eu-west-1' });
  });

  it('records another endpoint with the region it was reached with: as a fallback, or as given', () => {
    expect(settingsToRecord(transport('http://127.0.0.1:9000'), false)).toEqual({ endpointUrl: 'http://127.0.0.1:9000', fallbackRegion: 'eu-west-1' });
    expect(settingsToRecord(transport('http://127.0.0.1:9000'), true)).toEqual({ endpointUrl: 'http://127.0.0.1:9000', region: 'eu-west-1' });
  });
});

describe('isAwsEndpoint', () => {
  it('knows the hosts AWS serves STS under, and nothing that merely contains them', () => {
    for (const url of [
      'https://sts.amazonaws.com',
      'https://sts.us-gov-west-1.amazonaws.com',
      'https://sts.cn-north-1.amazonaws.com.cn',
      'https://sts.eu-west-1.api.aws',
    ]) {
      expect(isAwsEndpoint(url), url).toBe(true);
    }
    for (const url of ['http://127.0.0.1:8900', 'https://amazonaws.com.evil.example', 'https://notamazonaws.com', 'not a url'])
      expect(isAwsEndpoint(url), url).toBe(false);
  });
});
