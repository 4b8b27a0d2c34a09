-- Coverage of the whole province by commune x age group x status as of {{as_of}},
-- written as an analyst would against the imported CSV columns. The same text runs on
-- PostgreSQL and DuckDB ({{as_of}} is replaced by an ISO date before it is sent).
--
-- Status follows the count of doses on or before the date against the primary series of
-- the first product (Janssen 1 dose, Abdala 3, the others 2). The dose after the series is
-- an additional dose for a Sinopharm / Hayat-Vax / Sputnik V series or an immunodeficient
-- person (10722/BYT-DP), otherwise the first booster. This is the usual approximation of
-- the schedule rules that phongdich applies in full at import.
--
-- The first product comes from a join on the first dose date (one dose per person per day)
-- rather than an ordered aggregate, which both engines run several times slower.
WITH dose_counts AS (
  SELECT person_ref, count(*) AS doses, min(dose_date) AS first_date
  FROM doses
  WHERE dose_date <= DATE '{{as_of}}'
  GROUP BY person_ref
),
first_doses AS (
  SELECT c.person_ref, c.doses, d.product AS first_product
  FROM dose_counts c
  JOIN doses d ON d.person_ref = c.person_ref AND d.dose_date = c.first_date
),
classified AS (
  SELECT p.commune_code,
         CASE
           WHEN p.birth_date > DATE '{{as_of}}' - INTERVAL '5 years' THEN '0-4'
           WHEN p.birth_date > DATE '{{as_of}}' - INTERVAL '12 years' THEN '5-11'
           WHEN p.birth_date > DATE '{{as_of}}' - INTERVAL '18 years' THEN '12-17'
           WHEN p.birth_date > DATE '{{as_of}}' - INTERVAL '50 years' THEN '18-49'
           ELSE '50+'
         END AS age_group,
         coalesce(d.doses, 0) AS doses,
         CASE d.first_product WHEN 'JANSSEN' THEN 1 WHEN 'ABDALA' THEN 3 ELSE 2 END AS series,
         coalesce(d.first_product IN ('VERO_CELL', 'HAYAT_VAX', 'SPUTNIK_V')
                  OR p.immunodeficient = 1, false) AS gets_additional
  FROM persons p
  LEFT JOIN first_doses d ON d.person_ref = p.person_ref
)
SELECT commune_code,
       age_group,
       CASE
         WHEN doses = 0 THEN 'none'
         WHEN doses < series THEN 'partial'
         WHEN doses = series THEN 'primary_complete'
         WHEN doses = series + 1 AND gets_additional THEN 'additional'
         WHEN doses = series + 1 THEN 'booster1'
         WHEN doses = series + 2 AND gets_additional THEN 'booster1'
         ELSE 'booster2'
       END AS status,
       count(*) AS persons
FROM classified
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
