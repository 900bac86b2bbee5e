// Strong id types: a ChatId is not a UserId, and neither is a plain integer.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace parta {

template <class Tag, class Rep = std::int64_t>
class StrongId {
 public:
  using rep_type = Rep;
  constexpr StrongId() = default;
  constexpr explicit StrongId(Rep value) : value_(value) {}
  template <class Other>
  StrongId(StrongId<Other, Rep>) = delete;  // no cross-kind conversion

  constexpr Rep get() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  constexpr auto operator<=>(const StrongId&) const = default;

 private:
  Rep value_ = 0;
};

using UserId = StrongId<struct UserIdTag>;
using ChatId = StrongId<struct ChatIdTag>;
using OrgId = StrongId<struct OrgIdTag>;
using ClassId = StrongId<struct ClassIdTag>;
using GroupId = StrongId<struct GroupIdTag>;  // a class, group or department (classes are groups)
using LinkId = StrongId<struct LinkIdTag>;
using ApplicationId = StrongId<struct ApplicationIdTag>;
using RequestId = StrongId<struct RequestIdTag, std::uint64_t>;

}  // namespace parta

template <class Tag, class Rep>
struct std::hash<parta::StrongId<Tag, Rep>> {
  std::size_t operator()(parta::StrongId<Tag, Rep> id) const noexcept { return std::hash<Rep>{}(id.get()); }
};
