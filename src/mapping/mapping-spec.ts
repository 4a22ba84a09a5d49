// Owns the shape of a mapping file in mappings/: which source node becomes which RDF node, and
// which field becomes which property, written as data and checked when the file is read.
import { z } from 'zod';

const where = z.record(z.union([z.string(), z.array(z.string())]));

/** Takes a class or a property from a table keyed by a field of the source node. */
const fromTable = z.object({ path: z.string(), table: z.string(), default: z.string().optional() });

const idRule = z.object({
  path: z.string(),
  where: where.optional(),
  /** Where the identifier's text is, relative to the selected node (default: the node). */
  value: z.string().optional(),
  /** Where the source names the identifier scheme, relative to the node ("@identifierType"). */
  scheme: z.string().optional(),
  /** The scheme, when the field always holds one kind ("orcid", "ror", "doi"). */
  schemeName: z.string().optional(),
});

export type IdRule = z.infer<typeof idRule>;

export interface PropertyRule {
  p?: string;
  pFrom?: z.infer<typeof fromTable>;
  path: string;
  where?: Record<string, string | string[]>;
  /** A path walked from the nodes the filter kept (Dataverse: fields named X, then their values). */
  then?: string;
  value?: string;
  lang?: string;
  langDefault?: string;
  as?: string;
  datatype?: string;
  table?: string;
  scheme?: string;
  schemeName?: string;
  objectType?: string | string[];
  /** A pattern for texts that hold several values ("kw1; kw2"). */
  split?: string;
  node?: NodeSpec;
  /**
   * Statements about the resource an identifier names, read from the same source node: what the
   * source says of a related resource (its type) before, or without, that resource's own record.
   */
  objectProperties?: PropertyRule[];
}

export interface NodeSpec {
  label?: string;
  /** Make no node when no identifier rule finds one (a theme is only a theme with its concept IRI). */
  requireId?: boolean;
  /** Make no node unless its properties give it this one (a relationship is nothing without its target). */
  requires?: string;
  types?: string[];
  typeFrom?: z.infer<typeof fromTable>;
  id?: IdRule[];
  properties: PropertyRule[];
}

const propertyRule: z.ZodType<PropertyRule> = z.lazy(() =>
  z
    .object({
      p: z.string().optional(),
      pFrom: fromTable.optional(),
      path: z.string(),
      where: where.optional(),
      then: z.string().optional(),
      value: z.string().optional(),
      lang: z.string().optional(),
      langDefault: z.string().optional(),
      as: z.string().optional(),
      datatype: z.string().optional(),
      table: z.string().optional(),
      scheme: z.string().optional(),
      schemeName: z.string().optional(),
      objectType: z.union([z.string(), z.array(z.string())]).optional(),
      split: z.string().optional(),
      node: nodeSpec.optional(),
      objectProperties: z.array(propertyRule).optional(),
    })
    .strict()
    .refine((rule) => rule.p || rule.pFrom, 'a property rule needs "p" or "pFrom"'),
);

const nodeSpec: z.ZodType<NodeSpec> = z.lazy(() =>
  z
    .object({
      label: z.string().optional(),
      requireId: z.boolean().optional(),
      requires: z.string().optional(),
      types: z.array(z.string()).optional(),
      typeFrom: fromTable.optional(),
      id: z.array(idRule).optional(),
      properties: z.array(propertyRule),
    })
    .strict(),
);

export const mappingSpec = z
  .object({
    format: z.string(),
    description: z.string(),
    input: z.enum(['xml', 'json']),
    /** Where the described resource is in the tree (e.g. the DataCite "resource" element). */
    root: z.union([z.string(), z.array(z.string())]).default('.'),
    /** Where the record's own last-change date is, for dct:modified of the catalogue record. */
    modified: z.string().optional(),
    resource: nodeSpec,
  })
  .strict();

export type MappingSpec = z.infer<typeof mappingSpec>;
