-- Only the current version of each department/year/kind: what the facts are built from.
select * from {{ ref('int_documents') }}
where is_current
