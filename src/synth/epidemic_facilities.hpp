// The facilities that care for an area's cases, and a ledger of their beds day
// by day: who is admitted where when the district hospital is full, and each
// day's occupancy report.
//
// Capacity is ASSUMED, per 100,000 people of the area: the district hospital
// 50 COVID-19 beds (4 intensive care, 30 with oxygen), the field hospital 400
// (5, 150) as Hồ Chí Minh City's districts opened in 2021, and a commune
// health station in every commune with 4 beds (2 with oxygen) for patients
// waiting for transfer. Stations report no occupancy: their patients are cared
// for at home. Each station declares it can care at home for between 3% and 7%
// of its commune's households at once, spread over the communes so that some
// meet target T8 (500 per 10,000 households) and some do not.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "domain/date.hpp"
#include "domain/facility.hpp"
#include "synth/epidemic_options.hpp"
#include "synth/epidemic_records.hpp"

namespace phongdich::synth {

// The area's facilities: [0] the district hospital, [1] the field hospital,
// then one station per commune, in the communes' order. Ids are left 0.
std::vector<Facility> area_facilities(const EpidemicArea& area,
                                      std::span<const EpidemicPerson> persons);
inline constexpr size_t kDistrictHospital = 0;
inline constexpr size_t kFieldHospital = 1;

class BedLedger {
 public:
  // Counts patients on each day of [from, to] in `facilities` (which must outlive it).
  BedLedger(const std::vector<Facility>& facilities, Date from, Date to);

  // `preferred` if it has a free bed (an intensive-care bed when `icu`) on
  // `day`, else `fallback` if it has one, else `preferred` (over capacity, as in 2021).
  size_t admit_to(size_t preferred, size_t fallback, bool icu, Date day) const;
  // A patient in `facility` on the days [first, end) (end excluded: the day
  // they moved on), in intensive care or not, on oxygen or not.
  void stay(size_t facility, Date first, Date end, bool icu, bool oxygen);

  // One report a day for each facility with beds but the stations; facility_id
  // holds the facility's position in the list plus one (a FacilityPosition).
  std::vector<FacilityOccupancy> reports() const;

 private:
  struct Day {
    int32_t beds = 0, icu = 0, oxygen = 0;
  };
  const Day* day_of(size_t facility, Date day) const;

  const std::vector<Facility>& facilities_;
  Date from_, to_;
  std::vector<std::vector<Day>> days_;  // [facility][day - from]
};

}  // namespace phongdich::synth
