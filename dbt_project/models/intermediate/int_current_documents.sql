-- The documents the marts are built from: per twin group (department, year, phase) the one document
-- current for tables and the one current for text (int_documents; docs/documents.md).
-- Table facts come from the document current for tables, prose facts from the one current for text.
select * from {{ ref('int_documents') }}
where is_current
