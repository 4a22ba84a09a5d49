// The part of rdf-canonize (digitalbazaar, RDF Dataset Canonicalization) that we use.
declare module 'rdf-canonize' {
  interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    inputFormat?: 'application/n-quads';
    format?: 'application/n-quads';
  }
  const rdfCanonize: { canonize(input: string, options: CanonizeOptions): Promise<string> };
  export default rdfCanonize;
}
