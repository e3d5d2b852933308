#include "http/xml.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace lianxin::http {
namespace {

TEST(Xml, RendersArraysObjectsAndScalars) {
  Json v = Json::array({Json{{"service_code", "01"}, {"metadata", true}, {"lat", 28.5},
                             {"groups", Json::array({"城乡建设", "安全"})}, {"gone", nullptr}}});
  std::string xml = ToXml(v, "services", {{"services", "service"}, {"groups", "group"}});
  EXPECT_EQ(xml,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<services><service><groups><group>城乡建设</group><group>安全</group></groups>"
            "<lat>28.5</lat><metadata>true</metadata><service_code>01</service_code></service>"
            "</services>\n");
}

TEST(Xml, EscapesTextAndDropsForbiddenCharacters) {
  EXPECT_EQ(XmlEscape("a<b>&\"c'\x01\td"), "a&lt;b&gt;&amp;&quot;c&apos;\td");
  std::string xml = ToXml(Json::array({"x"}), "list", {});
  EXPECT_NE(xml.find("<list><item>x</item></list>"), std::string::npos);
}

}  // namespace
}  // namespace lianxin::http
