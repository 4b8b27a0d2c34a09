-- One commune's due list as of {{as_of}}: who may take their next dose now, people aged
-- 50+ and high-risk people first, then the longest waiting. Same text on PostgreSQL and
-- DuckDB ({{as_of}} and {{commune}} are replaced before it is sent).
--
-- Next dose, approximated as an analyst would: unvaccinated people from age 5 (or from
-- the start of the campaign); the next primary dose after the product's interval; the
-- first booster 3 months after the series (5 months at 12-17, none under 12); the second
-- booster 4 months after the first for people aged 50+, immunodeficient or highly exposed.
WITH person_doses AS (
  SELECT p.person_ref, p.full_name, p.birth_date,
         coalesce(p.immunodeficient, 0) = 1 AS immunodeficient,
         coalesce(p.high_exposure, 0) = 1 AS high_exposure,
         coalesce(p.needs_home_visit, 0) = 1 AS home_visit,
         coalesce(p.comorbidities, '') <> '' OR coalesce(p.pregnant, 0) = 1
           OR coalesce(p.immunodeficient, 0) = 1 AS high_risk,
         p.birth_date <= DATE '{{as_of}}' - INTERVAL '50 years' AS age50_plus,
         p.birth_date <= DATE '{{as_of}}' - INTERVAL '18 years' AS adult,
         p.birth_date <= DATE '{{as_of}}' - INTERVAL '12 years' AS age12_plus,
         count(d.dose_date) AS doses,
         min(d.dose_date) AS first_date,
         max(d.dose_date) AS last_dose
  FROM persons p
  LEFT JOIN doses d ON d.person_ref = p.person_ref AND d.dose_date <= DATE '{{as_of}}'
  WHERE p.commune_code = '{{commune}}'
    AND p.birth_date <= DATE '{{as_of}}' - INTERVAL '5 years'
  GROUP BY p.person_ref, p.full_name, p.birth_date, p.immunodeficient, p.high_exposure,
           p.needs_home_visit, p.comorbidities, p.pregnant
),
next_dose AS (
  SELECT pd.*, f.product AS first_product,
         CASE f.product WHEN 'JANSSEN' THEN 1 WHEN 'ABDALA' THEN 3 ELSE 2 END AS series
  FROM person_doses pd
  LEFT JOIN doses f ON f.person_ref = pd.person_ref AND f.dose_date = pd.first_date
),
due AS (
  SELECT person_ref, full_name, birth_date, high_risk, age50_plus, home_visit, doses,
         CASE
           WHEN doses = 0 THEN greatest(CAST(birth_date + INTERVAL '5 years' AS DATE),
                                        DATE '2021-03-08')
           WHEN doses < series THEN CAST(last_dose + CASE first_product
                                         WHEN 'ABDALA' THEN INTERVAL '14 days'
                                         WHEN 'PFIZER' THEN INTERVAL '21 days'
                                         WHEN 'SPUTNIK_V' THEN INTERVAL '21 days'
                                         WHEN 'VERO_CELL' THEN INTERVAL '21 days'
                                         WHEN 'HAYAT_VAX' THEN INTERVAL '21 days'
                                         ELSE INTERVAL '28 days' END AS DATE)
           WHEN doses = series AND adult THEN CAST(last_dose + INTERVAL '3 months' AS DATE)
           WHEN doses = series AND age12_plus THEN CAST(last_dose + INTERVAL '5 months' AS DATE)
           WHEN doses = series + 1 AND (age50_plus OR immunodeficient OR (adult AND high_exposure))
             THEN CAST(last_dose + INTERVAL '4 months' AS DATE)
         END AS next_due
  FROM next_dose
)
SELECT person_ref, full_name, birth_date, doses, next_due,
       DATE '{{as_of}}' - next_due AS days_late,
       high_risk OR age50_plus AS priority, home_visit
FROM due
WHERE next_due <= DATE '{{as_of}}'
ORDER BY priority DESC, next_due, person_ref;
