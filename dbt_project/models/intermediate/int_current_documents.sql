-- The current documents of each department/year/kind/scope (every part of the latest
-- publication, corrections before what they correct): what the facts are built from.
-- Table facts come from a document current for tables, prose facts from one current for text.
select * from {{ ref('int_documents') }}
where is_current
