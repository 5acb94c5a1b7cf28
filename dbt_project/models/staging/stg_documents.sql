with source as (
    select * from {{ source('raw', 'document') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- document
        source_path as source_file,
        source_root,
        department as department_name,
        -- one key per department whatever the bracket width it is printed with (（本级） / (本级))
        normalize(department, nfkc) as department_key,
        department_code,
        fiscal_year,
        document_kind,
        disclosure_scope,
        printed_scope,
        source_unit,
        -- region
        region_name,
        province,
        prefecture,
        county,
        adcode,
        admin_level,
        -- publication
        document_part,
        is_correction,
        correction_note,
        published_on,
        -- ledger
        status,
        quarantine_reason,
        parser_version,
        first_seen_at,
        loaded_at
    from source
)

select * from renamed
