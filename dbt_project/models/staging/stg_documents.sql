with source as (
    select * from {{ source('raw', 'document') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- document
        source_path as source_file,
        department as department_name,
        department_code,
        region_name,
        province,
        admin_level,
        fiscal_year,
        document_kind,
        disclosure_scope,
        source_unit,
        -- ledger
        status,
        parser_version,
        loaded_at
    from source
)

select * from renamed
