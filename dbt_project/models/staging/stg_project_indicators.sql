with source as (
    select * from {{ source('staging', 'project_indicator') }}
),

renamed as (
    select
        -- ids
        document_id,
        project_seq,
        indicator_seq,
        -- indicator
        level1,
        level2,
        indicator,
        long_term_target_value,
        target_value,
        adjusted_target_value,
        actual_value,
        weight,
        score,
        deviation_reason,
        -- provenance
        page,
        line_no
    from source
)

select * from renamed
