// Who publishes and hosts the web edition (« Mentions légales », « Contacts », accessibility
// statement). Edit here: these facts are not part of the yearly data.
export default {
  editeur: 'Département de la Moselle',
  adresse: ['Hôtel du Département', '1, rue du Pont-Moreau', 'CS 11096', '57036 Metz Cedex 1'],
  siteInstitutionnel: 'https://www.moselle.fr/',
  directeurPublication: 'Le Président du Conseil départemental de la Moselle',
  // Hosting must be named (loi pour la confiance dans l'économie numérique, art. 6).
  hebergeur: 'Département de la Moselle, Direction des systèmes d’information, à la même adresse.',
  // Licence of the open data (« Données ouvertes » page).
  licenceDonnees: { nom: 'Licence Ouverte / Open Licence version 2.0 (Etalab)', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' },
};
