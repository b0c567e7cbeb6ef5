/**
 * The JSON Schemas of the data format (schemas/*.schema.json), compiled once per process:
 * one ajv instance, one validator per kind of file. eslint's config validator does the
 * same; building ajv per call (as Quire does) costs more than the validation itself.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction, type AnySchemaObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../schemas');

/** Kinds of data files, each with its schema file. */
export const KINDS = {
  territoires: 'territoires.schema.json',
  themes: 'themes.schema.json',
  organisation: 'organisation.schema.json',
  projet: 'projet.schema.json',
  partenaire: 'partenaire.schema.json',
  temoignages: 'temoignages.schema.json',
  contacts: 'contacts.schema.json',
  edition: 'edition.schema.json',
  site: 'site.schema.json',
} as const;
export type Kind = keyof typeof KINDS;

const BASE = 'https://compendium.moselle.fr/schemas/';

let ajv: Ajv2020 | undefined;
const validators = new Map<Kind, ValidateFunction>();

function instance(): Ajv2020 {
  if (ajv) return ajv;
  // verbose: errors carry their parentSchema, which we need for « vouliez-vous dire » hints.
  ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  for (const name of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json')).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as AnySchemaObject);
  }
  return ajv;
}

/** The compiled validator of a kind of file (compiled on first use, then cached). */
export function validatorFor(kind: Kind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    v = instance().getSchema(BASE + KINDS[kind]);
    if (!v) throw new Error(`schema not found: ${KINDS[kind]}`);
    validators.set(kind, v);
  }
  return v;
}
