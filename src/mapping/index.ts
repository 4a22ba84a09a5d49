// The mapping stage: raw records to DCAT-AP 3 RDF, driven by the files in mappings/.
export { RecordMapper, UnknownFormatError, bundledMappingsFolder, type MappedRecord, type RecordToMap } from './record-mapper.js';
export { MappingInputError, MappingDefinitionError } from './compile-mapping.js';
export { catalogueIris, type CatalogueIris } from './catalogue-iris.js';
export { prefixes, expandCurie, labelProperties } from './namespaces.js';
