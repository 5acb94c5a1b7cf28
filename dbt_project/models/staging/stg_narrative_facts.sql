with source as (
    select * from {{ source('staging', 'narrative_fact') }}
),

renamed as (
    select
        -- ids
        document_id,
        -- fact
        label,
        kind,
        value,
        printed,
        printed_unit,
        quote,
        -- provenance
        page,
        line_no
    from source
)

select * from renamed
