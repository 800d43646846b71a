/**
 * Consultations for the benchmarks, generated inside PostgreSQL: a million rows through Node
 * would time the generator, not the product. Parameters: $1 clients, $2 visits per client,
 * $3 first day of the year, $4 the recording user.
 */
// A city's mix (out of 1,000): care, retail and manufacturing common, mining and fisheries rare,
// so some cells are small even among 200,000 clients; likewise teenagers and the largest firms.
const weighted = (weights: [string, number][]) => `ARRAY[${weights.flatMap(([code, w]) => Array(w).fill(`'${code}'`)).join(',')}]`;
const INDUSTRY_DRAW = weighted([
  ['A', 15], ['B', 3], ['C', 1], ['D', 60], ['E', 100], ['F', 4], ['G', 30], ['H', 50], ['I', 160], ['J', 30],
  ['K', 20], ['L', 30], ['M', 90], ['N', 50], ['O', 60], ['P', 200], ['Q', 2], ['R', 70], ['S', 24], ['T', 1],
]);
const BAND_DRAW = weighted([['1-4', 25], ['5-9', 20], ['10-19', 18], ['20-49', 15], ['50-99', 10], ['100-299', 7], ['300-999', 4], ['1000+', 1]]);
const AGE_DRAW = weighted([['-19', 1], ['20-29', 17], ['30-39', 25], ['40-49', 30], ['50-59', 20], ['60+', 7]]);

// Generated server-side: a million rows through Node would time the generator, not the product.
// Small bands have many employers, large bands a few big ones, so the employer rule and secondary
// suppression have real work to do.
export const SEED_CONSULTATIONS_SQL = `
WITH codes AS (
  SELECT ${INDUSTRY_DRAW} AS ind,
         ${BAND_DRAW} AS band, ${AGE_DRAW} AS age,
         ARRAY['regular','regular','non_regular','non_regular','self_employed','executive','not_working'] AS emp,
         ARRAY['lt1','1-3','3-10','10+'] AS tenure,
         ARRAY['in_person','online','phone','web_form','branch_booth'] AS chan,
         ARRAY['startup','side_job','career_change','second_career','reskilling','promotion','working_conditions',
               'workplace_relations','harassment','childcare_balance','return_to_work','caregiving','health',
               'self_understanding','work_life_balance'] AS theme
), clients AS (
  SELECT c, abs(hashint4(c)) % 1000 + 1 AS i, abs(hashint4(c + 7919)) % 100 + 1 AS b, abs(hashint4(c + 104729)) % 100 + 1 AS a,
         abs(hashint4(c + 1299709)) % 7 + 1 AS e
    FROM generate_series(0, $1::int - 1) c
)
INSERT INTO consultations (held_on, client_ref, employer_hmac, industry, size_band, age_band, employment_type, tenure_band,
                           channel, duration_min, themes, recorded_by)
SELECT $3::date + abs(hashint4(c * 7 + v)) % 365,
       'bench-' || c,
       CASE WHEN x.emp[e] IN ('regular', 'non_regular') THEN md5(x.ind[i] || '-' || x.band[b] || '-' || (abs(hashint4(c + 3)) % (10 + (100 - b) * 3)))
            || md5('k' || x.ind[i] || '-' || x.band[b] || '-' || (abs(hashint4(c + 3)) % (10 + (100 - b) * 3))) END,
       x.ind[i],
       CASE WHEN x.emp[e] IN ('regular', 'non_regular') THEN x.band[b] END,
       x.age[a],
       x.emp[e],
       CASE WHEN x.emp[e] IN ('regular', 'non_regular') THEN x.tenure[abs(hashint4(c + 15485863)) % 4 + 1] ELSE 'na' END,
       x.chan[abs(hashint4(c * 3 + v)) % 5 + 1],
       30 + (c + v) % 90,
       ARRAY(SELECT DISTINCT x.theme[t] FROM unnest(ARRAY[abs(hashint4(c * 5 + v)) % 15 + 1, abs(hashint4(c * 11 + v * 3)) % 15 + 1]) t),
       $4::uuid
  FROM clients, generate_series(0, $2::int - 1) v, codes x`;
