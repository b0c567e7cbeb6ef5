/**
 * The document's XMP metadata stream (ISO 16684-1), written beside the Info dictionary.
 *
 * Why: PDF/UA checkers (PAC, veraPDF) and document managers read the title, language and
 * authors from XMP, not from the Info dictionary: the screen PDF had none, so a checker
 * reported it untitled. No conformance claim (pdfuaid) is written: the PDFs do not meet every
 * PDF/UA rule yet (lists without LBody, from Chromium's tags), and a claim would mislead.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import type { PdfMetadata } from '../pdf-finish.ts';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet of `metadata`, dated `date` (ISO 8601, UTC). */
export function xmpPacket(metadata: PdfMetadata, date: Date, producer: string): string {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const lang = escapeXml(metadata.lang ?? 'fr');
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(metadata.title)}</dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(metadata.author)}</rdf:li></rdf:Seq></dc:creator>`,
    metadata.subject ? `<dc:description>${alt(metadata.subject)}</dc:description>` : '',
    `<dc:language><rdf:Bag><rdf:li>${lang}</rdf:li></rdf:Bag></dc:language>`,
    metadata.keywords?.length ? `<pdf:Keywords>${escapeXml(metadata.keywords.join(', '))}</pdf:Keywords>` : '',
    `<pdf:Producer>${escapeXml(producer)}</pdf:Producer>`,
    '<xmp:CreatorTool>compendium</xmp:CreatorTool>',
    `<xmp:CreateDate>${when}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${when}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${when}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** Sets the catalog's /Metadata to the XMP packet of `metadata` (uncompressed, as XMP readers expect). */
export function setXmp(doc: PDFDocument, metadata: PdfMetadata, date: Date, producer: string): void {
  const stream = doc.context.stream(Buffer.from(xmpPacket(metadata, date, producer), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}
