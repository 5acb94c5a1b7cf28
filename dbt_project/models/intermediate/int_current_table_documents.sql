-- The current documents for tables (公开表): a complete document or a tables part, whichever is
-- current for tables in its publication. Facts read from tables join these, never a text part.
select * from {{ ref('int_documents') }}
where is_current_for_tables
