#include "http/form.h"

#include <gtest/gtest.h>

namespace lianxin::http {
namespace {

TEST(Form, DecodesFieldsInOrderWithRepeats) {
  auto f = ParseForm("service_code=01.01.001&description=%E8%B7%AF%E7%81%AF+%E5%9D%8F%E4%BA%86"
                     "&attribute%5Btags%5D%5B%5D=a&attribute[tags][]=b&empty=&flag");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->size(), 6u);
  EXPECT_EQ((*f)[1].second, "路灯 坏了");
  EXPECT_EQ((*f)[2].first, "attribute[tags][]");
  EXPECT_EQ((*f)[3].second, "b");
  EXPECT_EQ(FormValue(*f, "empty"), "");
  EXPECT_EQ(FormValue(*f, "flag"), "");
  EXPECT_EQ(FormValue(*f, "absent"), "");
  EXPECT_EQ(FormValue(*f, "service_code"), "01.01.001");
}

TEST(Form, RefusesBrokenEscapesAndInvalidUtf8) {
  EXPECT_EQ(ParseForm("a=%4").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseForm("a=%zz").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseForm("a=%FF%FE").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ParseForm("").ok());
  EXPECT_TRUE(ParseForm("&&").value().empty());
}

}  // namespace
}  // namespace lianxin::http
