import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HtmlValidate } from 'html-validate';
import config from './htmlvalidate.config.ts';
import { bundledSite, fixtureSite, hostileSite, twoEditionsSite } from './support/fixtures.ts';

const validator = new HtmlValidate(config);

const valid = suite('valid HTML (html-validate, tests/web/htmlvalidate.config.js)');

for (const [name, getSite] of [['bundled data', bundledSite], ['fixture', fixtureSite], ['two-edition', twoEditionsSite], ['hostile corpus', hostileSite]] as const) {
  valid(`every page of the ${name} build is valid`, async () => {
    const site = await getSite();
    const pages = site.files.filter((f) => f.endsWith('.html'));
    assert.ok(pages.length > 10);
    const problems: string[] = [];
    for (const file of pages) {
      const report = await validator.validateString(await site.read(file), file);
      for (const r of report.results) for (const m of r.messages) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId} — ${m.message}`);
    }
    assert.equal(problems, [], problems.slice(0, 20).join('\n'));
  });
}

valid.run();
