-- The current documents for tables (公开表): a complete document or a tables part, the one current for
-- tables in its twin group (department, year, phase). Facts read from tables join these, never a text
-- part, so every fact mart holds at most one document per department, year and phase.
select * from {{ ref('int_documents') }}
where is_current_for_tables
