import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RequestVerdict = 'allow' | 'refuse';

/**
 * Which URLs a report page may load. The HTML carries text that managers and consultants typed;
 * were anything in it ever to escape the template's escaping, the page must still reach nothing:
 * no network (an SSRF into the city's intranet), no local file beyond the fonts (a PDF leaking
 * /etc/passwd). So everything is refused except the blank page the pool navigates to, data: URLs,
 * and files whose real path lies inside the font directory.
 */
export class RenderRequestPolicy {
  private readonly fontRoot: string;

  constructor(fontDirectory: string, private readonly blankPageUrl: string) {
    // Compare real paths: a symlink inside the font directory must not lead out of it.
    this.fontRoot = realpathSync(fontDirectory);
  }

  async verdict(url: string): Promise<RequestVerdict> {
    if (url === this.blankPageUrl) return 'allow';
    if (url.startsWith('data:')) return 'allow';
    if (!url.startsWith('file:')) return 'refuse';
    return (await this.isFontFile(url)) ? 'allow' : 'refuse';
  }

  private async isFontFile(url: string): Promise<boolean> {
    let path: string;
    try {
      const parsed = new URL(url);
      // file://host/... names another machine's share; fragments and queries change nothing on disk but keep it plain.
      if (parsed.host !== '' || parsed.search !== '') return false;
      parsed.hash = '';
      path = fileURLToPath(parsed);
    } catch {
      return false;
    }
    try {
      // realpath resolves '..' and symlinks; a missing file fails here and is refused.
      const real = await realpath(path);
      return real.startsWith(this.fontRoot + sep);
    } catch {
      return false;
    }
  }
}
