/**
 * The web edition's Eleventy plugin: filters (one per file in filters/), fonts, the
 * data-derived outputs (open data, JSON-LD) and the security policy. Registered by .eleventy.js.
 * https://www.11ty.dev/docs/plugins/create/
 */
import typo from './filters/typo.ts';
import md from './filters/md.ts';
import mdInline from './filters/md-inline.ts';
import once from './filters/once.ts';
import plain from './filters/plain.ts';
import { webHref, mailHref, telHref, displayUrl } from './filters/hrefs.ts';
import upperFirst from './filters/upper-first.ts';
import phone from './filters/phone.ts';
import fileSize from './filters/file-size.ts';
import dateFr from './filters/date-fr.ts';
import callPeriod from './filters/call-period.ts';
import jsonLd from './filters/json-ld.ts';
import absoluteUrl from './filters/absolute-url.ts';
import assetUrl, { fileVersioned, versioned } from './filters/asset-url.ts';
import webRefs from './filters/web-refs.ts';
import scaleFirst from './filters/scale-first.ts';
import { bigNumbers } from '../data/figure-checks.ts';
import { fontFaceCss, FONTS, PRELOADED } from './fonts.ts';
import { openDataCsv, openDataJson, openDataCatalog, OPEN_DATA_FIELDS } from './open-data.ts';
import { partnersJsonLd, projectJsonLd, websiteJsonLd } from './jsonld.ts';
import { CSP_META, headersFile } from './csp.ts';
import type { EleventyConfig } from './eleventy-types.ts';

export default function compendiumPlugin(eleventyConfig: EleventyConfig): void {
  // Text
  eleventyConfig.addFilter('typo', typo);
  eleventyConfig.addFilter('upperFirst', upperFirst);
  eleventyConfig.addFilter('phone', phone);
  eleventyConfig.addFilter('plain', plain);
  eleventyConfig.addFilter('dateFr', dateFr);
  eleventyConfig.addFilter('callPeriod', callPeriod);
  eleventyConfig.addFilter('fileSize', fileSize);
  eleventyConfig.addFilter('scaleFirst', scaleFirst);
  // The key figures printed as big numbers: those the page's text does not state (both editions).
  eleventyConfig.addFilter('bigNumbers', bigNumbers);
  eleventyConfig.addNunjucksFilter('md', md);
  eleventyConfig.addNunjucksFilter('webRefs', webRefs);
  eleventyConfig.addNunjucksFilter('mdInline', mdInline);

  // Templates
  eleventyConfig.addNunjucksFilter('once', once);

  // Links
  eleventyConfig.addFilter('webHref', webHref);
  eleventyConfig.addFilter('mailHref', mailHref);
  eleventyConfig.addFilter('telHref', telHref);
  eleventyConfig.addFilter('displayUrl', displayUrl);
  eleventyConfig.addFilter('absoluteUrl', absoluteUrl);

  // Metadata and open data
  eleventyConfig.addNunjucksFilter('jsonLd', jsonLd);
  eleventyConfig.addFilter('projectJsonLd', projectJsonLd);
  eleventyConfig.addFilter('websiteJsonLd', websiteJsonLd);
  eleventyConfig.addFilter('partnersJsonLd', partnersJsonLd);
  eleventyConfig.addFilter('openDataJson', openDataJson);
  eleventyConfig.addFilter('openDataCsv', openDataCsv);
  eleventyConfig.addFilter('openDataCatalog', openDataCatalog);
  eleventyConfig.addGlobalData('openDataFields', OPEN_DATA_FIELDS);

  // Security: the Content-Security-Policy of every page's <meta>, and the _headers file.
  eleventyConfig.addGlobalData('csp', CSP_META);
  eleventyConfig.addFilter('headersFile', headersFile);

  // Fonts: the files are copied as they are; their @font-face rules come from src/site/fonts.ts.
  for (const f of FONTS) eleventyConfig.addPassthroughCopy({ [f.path]: `assets/fonts/${f.file}` });
  // Versioned URLs (asset-url.ts): the preload and the stylesheet name the very same URL.
  const fontUrl = (f: (typeof FONTS)[number]): string => fileVersioned(`/assets/fonts/${f.file}`, f.path);
  eleventyConfig.addGlobalData('fontPreloads', PRELOADED.map(fontUrl));
  const fontsCss = fontFaceCss((f) => `..${fontUrl(f).slice('/assets'.length)}`, 'optional');
  eleventyConfig.addFilter('fontFaceCss', () => fontsCss);
  eleventyConfig.addGlobalData('fontsCssUrl', versioned('/assets/css/fonts.css', fontsCss));
  eleventyConfig.addFilter('assetUrl', assetUrl);
}
