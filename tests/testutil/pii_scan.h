// The personal-data scan every public and Open311 response of the test suite
// goes through: mobile numbers, 身份证 numbers and the citizen names used in
// the test data. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace lianxin::testutil {

// The citizen names the tests put into tickets (张三, 李四, ...).
const std::vector<std::string>& TestCitizenNames();

// What personal data `body` reveals: each hit as "mobile 13812341234",
// "id 430102199003071234" or "name 张三". Digit runs are taken whole: a mobile
// is exactly 11 digits starting 1[3-9]; an ID card 18 characters (17 digits +
// digit or X) or 15 digits. Masked forms (138****1234) and decimal fractions
// (the digits after a '.') are not hits.
std::vector<std::string> FindPersonalData(const std::string& body,
                                          const std::vector<std::string>& names = TestCitizenNames());

}  // namespace lianxin::testutil
