/**
 * schema.org metadata (JSON-LD) for search engines: the site and its publisher, each project
 * (schema.org/Project) with the organisation that carries it. Only safe links are emitted;
 * the `jsonLd` filter escapes the result for the <script> element.
 */
import { absoluteUrl, type EditionView, type ProjectView, type ViewModel } from './view-model.ts';
import { mailHref, webHref } from './urls.ts';
import type { Organisation } from '../model.ts';
import upperFirst from './filters/upper-first.ts';

type Json = Record<string, unknown>;

const compact = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

export function publisherJsonLd(vm: ViewModel): Json {
  return { '@type': 'GovernmentOrganization', name: vm.edition.source.editeur, url: 'https://www.moselle.fr/' };
}

export function websiteJsonLd(vm: ViewModel): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: `${vm.edition.source.titre} ${vm.edition.annee}`,
    inLanguage: 'fr-FR',
    url: absoluteUrl(vm, '/'),
    publisher: publisherJsonLd(vm),
  };
}

export function organisationJsonLd(org: Organisation): Json {
  return compact({ '@type': 'Organization', name: org.nom, legalName: org.nom_complet, url: webHref(org.site_web) });
}

/** The partners of an edition (the latest by default), each an Organization with its site and social pages. */
export function partnersJsonLd(vm: ViewModel, edition: EditionView = vm.edition): Json {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    name: `Partenaires du recueil ${edition.annee}`,
    itemListElement: edition.partenaires.map((p, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      item: compact({
        '@type': 'Organization',
        name: p.nom,
        description: p.titre,
        url: webHref(p.site_web),
        sameAs: (p.reseaux ?? []).flatMap((r) => webHref(r.url) ?? []),
      }),
    })),
  };
}

export function projectJsonLd(vm: ViewModel, p: ProjectView): Json {
  return compact({
    '@context': 'https://schema.org',
    '@type': 'Project',
    name: upperFirst(p.titre),
    description: p.resume,
    url: absoluteUrl(vm, p.url),
    sameAs: webHref(p.contact.siteWeb),
    email: mailHref(p.contact.ouvert.email) ? p.contact.ouvert.email : undefined,
    telephone: p.contact.ouvert.telephone,
    areaServed: p.territoireCible ?? p.territoire.nom,
    parentOrganization: organisationJsonLd(p.organisation),
    funder: publisherJsonLd(vm),
    award: `Lauréat ${p.annee} de l’appel à projets Innovation sociale du ${vm.edition.source.editeur}`,
  });
}
