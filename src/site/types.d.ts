// Declarations for packages that ship none.
declare module '@11ty/eleventy-img' {
  interface ImageOptions {
    widths?: Array<number | 'auto' | null>;
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    sharpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpAvifOptions?: Record<string, unknown>;
  }
  export type Metadata = Record<string, Array<{ url: string; width: number; height: number; sourceType: string; srcset: string }>>;
  export default function Image(src: string, options: ImageOptions): Promise<Metadata>;
  export function generateHTML(metadata: Metadata, attributes: Record<string, string>): string;
}

declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    write(): Promise<unknown[]>;
    toJSON(): Promise<Array<{ url: string; inputPath: string; outputPath: string; content: string }>>;
  }
  export const HtmlBasePlugin: unknown;
}
