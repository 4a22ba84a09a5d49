// Owns the generated DataCite records the harvest benchmarks serve (bench/replay-source.ts, the
// growing source of the soak): realistic in shape (ORCID, ROR, funder, subjects, a related paper).

/** Record number n in DataCite kernel 4 XML; `updated` sets its Updated date (default January 2024). */
export function dataciteXml(n: number, updated = `2024-01-${String(1 + (n % 28)).padStart(2, '0')}`): string {
  return `<resource xmlns="http://datacite.org/schema/kernel-4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://datacite.org/schema/kernel-4 http://schema.datacite.org/meta/kernel-4.4/metadata.xsd">
  <identifier identifierType="DOI">10.57745/BENCH${n}</identifier>
  <creators><creator><creatorName nameType="Personal">Dupont, Marie</creatorName><givenName>Marie</givenName><familyName>Dupont</familyName><nameIdentifier nameIdentifierScheme="ORCID" schemeURI="https://orcid.org">https://orcid.org/0000-0002-1825-${String(n % 10000).padStart(4, '0')}</nameIdentifier><affiliation affiliationIdentifier="https://ror.org/02feahw73" affiliationIdentifierScheme="ROR">CNRS</affiliation></creator></creators>
  <titles><title xml:lang="fr">Mesures d'aérosols au site ${n}</title><title xml:lang="en" titleType="TranslatedTitle">Aerosol measurements at site ${n}</title></titles>
  <publisher>Recherche Data Gouv</publisher><publicationYear>${2000 + (n % 25)}</publicationYear>
  <subjects><subject xml:lang="fr">aérosols</subject><subject subjectScheme="GCMD" valueURI="https://gcmd.earthdata.nasa.gov/kms/concept/${n % 97}">ATMOSPHERE</subject></subjects>
  <dates><date dateType="Updated">${updated}</date></dates>
  <resourceType resourceTypeGeneral="Dataset">Mesures</resourceType>
  <relatedIdentifiers><relatedIdentifier relatedIdentifierType="DOI" relationType="IsCitedBy">10.5555/paper.${n}</relatedIdentifier></relatedIdentifiers>
  <rightsList><rights rightsURI="https://creativecommons.org/licenses/by/4.0/" rightsIdentifier="CC-BY-4.0">CC BY 4.0</rights></rightsList>
  <descriptions><description descriptionType="Abstract" xml:lang="fr">Séries temporelles de concentration en aérosols, station ${n}, pas de temps horaire.</description></descriptions>
  <fundingReferences><fundingReference><funderName>Agence Nationale de la Recherche</funderName><funderIdentifier funderIdentifierType="ROR">https://ror.org/00rbzpz17</funderIdentifier><awardNumber>ANR-21-CE01-${n % 1000}</awardNumber></fundingReference></fundingReferences>
</resource>`;
}
