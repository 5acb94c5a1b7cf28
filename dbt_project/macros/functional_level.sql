{# Level of a 功能分类 code by its length: 1 类 (3 digits), 2 款 (5 digits), 3 项 (7 digits). #}
{% macro functional_level(code) -%}
    case length({{ code }}) when 3 then 1 when 5 then 2 else 3 end
{%- endmacro %}
