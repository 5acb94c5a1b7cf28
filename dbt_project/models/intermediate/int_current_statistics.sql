{{ config(
    materialized='incremental',
    incremental_strategy='append',
    pre_hook="{{ forget_changed_documents() }}",
    indexes=[{'columns': ['document_id']}],
) }}
-- Statistics (统计表 and prose) of the current documents: a table figure from the document
-- current for tables, a prose figure from the one current for text (one of each per twin group), so
-- a publication in two parts gives what the same publication in one file gives.
select
    s.*,
    d.department_id,
    d.fiscal_year,
    d.phase,
    d.publication_id,
    d.twin_group_key
from {{ ref('stg_statistics') }} as s
inner join {{ ref('int_current_documents') }} as d using (document_id)
where
    {{ in_changed_documents('s.document_id') }}
    and (
        (s.reported_in = 'table' and d.is_current_for_tables)
        or (s.reported_in <> 'table' and d.is_current_for_text)
    )
