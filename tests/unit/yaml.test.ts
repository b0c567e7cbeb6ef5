import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseYaml } from '../../src/data/yaml.ts';
import { formatFinding } from '../../src/data/finding.ts';

const yaml = suite('yaml parsing');

const error = (src: string): string => {
  const r = parseYaml('f.yaml', src);
  assert.not.ok(r.ok, 'expected a failure');
  if (r.ok) return '';
  return `${r.finding.line}:${r.finding.column} ${r.finding.code} ${r.finding.message}`;
};

yaml('parses a valid file with positions', () => {
  const r = parseYaml('f.yaml', 'a: 1\nb: [x, y]\n');
  assert.ok(r.ok);
  if (r.ok) {
    assert.equal(r.doc.value, { a: 1, b: ['x', 'y'] });
    assert.ok(r.doc.spans.has('/b/1'));
  }
});

yaml('an unclosed bracket is named on its own line', () => {
  assert.is(error('id: x\nnom: [Graoucoop\nannee: 2022\n'), '2:6 YAML_SYNTAX crochet « [ » ouvert et jamais fermé');
});

yaml('a tab in the indentation', () => {
  assert.is(error('a:\n\tb: 1\n'), '2:1 YAML_TAB tabulation dans l’indentation : YAML n’accepte que des espaces');
});

yaml('a duplicate key', () => {
  assert.is(error('a: 1\nb: 2\na: 3\n'), '3:1 YAML_SYNTAX clé en double : cette clé est déjà écrite plus haut dans le même bloc');
});

yaml('a colon inside an unquoted value', () => {
  assert.is(error('nom: Projet : suite: fin\n'), '1:13 YAML_SYNTAX indentation incorrecte ou « : » en trop sur cette ligne');
});

yaml('an empty file, and a file of comments only', () => {
  assert.is(error(''), 'undefined:undefined EMPTY_FILE le fichier est vide');
  assert.is(error('# rien\n'), 'undefined:undefined EMPTY_FILE le fichier est vide');
});

yaml('several documents in one file', () => {
  assert.match(error('a: 1\n---\nb: 2\n'), 'YAML_MULTIDOC');
});

yaml('formats with the source line and a caret', () => {
  const r = parseYaml('data/projets/x.yaml', 'a: 1\nb: 2\na: 3\n');
  assert.not.ok(r.ok);
  if (!r.ok) {
    assert.is(
      formatFinding(r.finding),
      'data/projets/x.yaml:3:1 — erreur : clé en double : cette clé est déjà écrite plus haut dans le même bloc\n  3 | a: 3\n    | ^\n  → Gardez une seule fois la clé, ou renommez l’une des deux.',
    );
  }
});

yaml.run();
