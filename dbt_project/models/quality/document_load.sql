-- One row per file seen under the raw directory: whether it loaded, and the loader's error
-- where it failed (a quarantined document with its reason). Gives BI (the analyst login cannot read
-- raw.*) the ledger's outcome. A file is its folder (source_root) and its path under it.
with files as (
    select * from {{ source('raw', 'source_file') }}
),

documents as (
    select * from {{ source('raw', 'document') }}
)

select
    -- ids
    f.source_root,
    f.source_path,
    f.document_id,
    -- outcome
    case when f.status = 'duplicate' then 'duplicate' else coalesce(d.status, f.status) end as status,
    d.error,
    d.quarantine_reason,
    -- what the document is
    d.department,
    d.fiscal_year,
    d.document_kind,
    d.disclosure_scope,
    -- provenance
    d.parser_version,
    f.seen_at
from files as f
left join documents as d using (document_id)
