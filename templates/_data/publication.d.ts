// Types of publication.js, for the TypeScript modules that import it (the print edition).
// Eleventy reads only .js/.json data files: this file is not data.
declare const publication: {
  editeur: string;
  adresse: string[];
  siteInstitutionnel: string;
  directeurPublication: string;
  hebergeur: string;
  licenceDonnees: { nom: string; url: string };
};
export default publication;
