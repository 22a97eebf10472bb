#include "common/html_extract.h"

#include <gumbo.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/encoding.h"
#include "common/metadata.h"

namespace rkn {
namespace {

// --- small string helpers ----------------------------------------------------------------------

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // U+00A0
    *len = 2;
    return true;
  }
  return false;
}

// Collapses runs of white space (including U+00A0) to one ' ' and trims.
std::string Collapse(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsSpaceAt(s, i, &len)) {
      pending = !out.empty();
      i += len;
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(s[i++]);
  }
  return out;
}

const char* Attr(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

std::string AttrLower(const GumboNode* node, const char* name) {
  const char* v = Attr(node, name);
  return v ? Lower(v) : std::string();
}

bool IsElement(const GumboNode* node) { return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE; }

GumboTag Tag(const GumboNode* node) { return IsElement(node) ? node->v.element.tag : GUMBO_TAG_UNKNOWN; }

const GumboVector& Children(const GumboNode* node) {
  static const GumboVector kEmpty = {nullptr, 0, 0};
  if (node->type == GUMBO_NODE_DOCUMENT) return node->v.document.children;
  if (IsElement(node)) return node->v.element.children;
  return kEmpty;
}

template <typename F>
void ForEachChild(const GumboNode* node, F&& f) {
  const GumboVector& kids = Children(node);
  for (unsigned i = 0; i < kids.length; ++i) f(static_cast<const GumboNode*>(kids.data[i]));
}

bool IsInline(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI: case GUMBO_TAG_BDO:
    case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA: case GUMBO_TAG_DFN: case GUMBO_TAG_EM:
    case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_KBD: case GUMBO_TAG_MARK: case GUMBO_TAG_Q:
    case GUMBO_TAG_S: case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_U: case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR: case GUMBO_TAG_BIG: case GUMBO_TAG_TT: case GUMBO_TAG_STRIKE: case GUMBO_TAG_IMG:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_INS: case GUMBO_TAG_DEL: case GUMBO_TAG_NOBR: case GUMBO_TAG_BLINK:
    case GUMBO_TAG_ACRONYM: case GUMBO_TAG_BASEFONT:
      return true;
    default:
      return false;
  }
}

// Elements that never hold article text.
bool IsJunkTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_SVG:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_MAP: case GUMBO_TAG_HEAD: case GUMBO_TAG_HEADER: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_MATH: case GUMBO_TAG_APPLET: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

// Splits class and id values into lowercase words ("read__content" -> read, content).
std::vector<std::string> NameWords(const std::string& names) {
  std::vector<std::string> words;
  std::string cur;
  for (char ch : names) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::string ClassAndId(const GumboNode* node) {
  std::string s = AttrLower(node, "class");
  s += ' ';
  s += AttrLower(node, "id");
  return s;
}

// Widget names: share bars, related and popular lists, comments, ads, navigation.
bool HasWidgetName(const std::string& names) {
  static const char* kSubstrings[] = {
      "share",     "sosmed",   "social",   "comment",     "komentar", "disqus",     "related",   "terkait",
      "baca-juga", "bacajuga", "baca_juga", "recommend",  "rekomendasi", "popular", "populer",   "newsletter",
      "subscribe", "advert",   "iklan",    "banner",      "sidebar",  "widget",     "breadcrumb", "caption",
      "footer",    "navbar",   "promo",    "sponsor",     "copyright", "signup",    "pagination", "paging",
      "skyscraper", "skycrapper", "trending", "headline-list", "berita-lain", "more-news", "topik",
      "follow-us", "google-news", "whatsapp", "telegram"};
  for (const char* sub : kSubstrings) {
    if (names.find(sub) != std::string::npos) return true;
  }
  static const std::unordered_set<std::string> kWords = {"nav", "menu", "tag", "tags", "ads", "ad", "header",
                                                         "masthead", "hidden", "hide", "modal", "popup", "login",
                                                         "print", "rating", "polling", "jsads", "outbrain"};
  for (const std::string& w : NameWords(names)) {
    if (kWords.count(w)) return true;
  }
  return false;
}

// Container names that usually hold the article body.
int NameWeight(const GumboNode* node) {
  const std::string names = ClassAndId(node);
  int weight = 0;
  static const char* kPositive[] = {"article", "content", "detail", "post-body", "postbody", "entry", "story",
                                    "body",    "text",    "artikel", "isi",      "berita",   "read",  "main",
                                    "news"};
  for (const char* p : kPositive) {
    if (names.find(p) != std::string::npos) {
      weight += 25;
      break;
    }
  }
  static const char* kNegative[] = {"comment", "meta", "footer", "sidebar", "related", "list", "teaser",
                                    "index",   "populer", "popular", "latest", "terbaru", "headline", "thumb",
                                    "box",     "author",  "date"};
  for (const char* n : kNegative) {
    if (names.find(n) != std::string::npos) {
      weight -= 25;
      break;
    }
  }
  const std::string itemprop = AttrLower(node, "itemprop");
  if (itemprop == "articlebody") weight += 50;
  if (Tag(node) == GUMBO_TAG_ARTICLE) weight += 10;
  if (Tag(node) == GUMBO_TAG_MAIN) weight += 10;
  return weight;
}

bool IsHidden(const GumboNode* node) {
  if (Attr(node, "hidden") != nullptr) return true;
  if (AttrLower(node, "aria-hidden") == "true") return true;
  std::string style = AttrLower(node, "style");
  style.erase(std::remove_if(style.begin(), style.end(), [](unsigned char ch) { return std::isspace(ch); }),
              style.end());
  return style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos;
}

// --- the extractor -----------------------------------------------------------------------------

struct Stats {
  size_t text = 0;   // bytes of collapsed text in the subtree (pruned parts excluded)
  size_t links = 0;  // of which inside <a>
  double score = 0;  // paragraph evidence (readability-style)
  bool scored = false;
};

class Extractor {
 public:
  explicit Extractor(const GumboNode* root) : root_(root) {}

  HtmlPage Run() {
    HtmlPage page;
    CollectMeta(root_, &page);
    FinishMeta(&page);
    if (page.published.empty() || !ParseDateField(page.published)) {
      if (std::string near = DateNearHeadline(page.title); !near.empty()) page.published = std::move(near);
    }
    body_ = FindBody(root_);
    if (body_ == nullptr) return page;
    raw_text_total_ = RawText(body_);
    Prune(body_);
    Measure(body_);
    ScoreParagraphs(body_);
    const std::vector<const GumboNode*> chosen = Choose();
    if (chosen.empty()) return page;
    for (const GumboNode* n : chosen) EmitText(n);
    FlushLine();
    std::string text;
    size_t long_lines = 0;
    size_t longest = 0;
    size_t total = 0;
    for (const std::string& line : lines_) {
      if (!text.empty()) text += '\n';
      text += line;
      if (line.size() >= 80) ++long_lines;
      longest = std::max(longest, line.size());
      total += line.size();
    }
    size_t chosen_text = 0;
    size_t chosen_links = 0;
    for (const GumboNode* n : chosen) {
      chosen_text += stats_[n].text;
      chosen_links += stats_[n].links;
    }
    const double density = chosen_text ? static_cast<double>(chosen_links) / static_cast<double>(chosen_text) : 1.0;
    // A front page's best block is a list of teasers: short lines, many links. A page that says
    // it is one article may be a short one (a news brief of two paragraphs).
    const bool declared = DeclaresArticle(chosen);
    const bool long_enough = declared ? total >= 120 && longest >= 80
                                      : total >= 250 && (longest >= 150 || long_lines >= 2);
    page.has_article = !is_feed_ && long_enough && density < 0.4 && AverageLine(total) >= 60;
    if (page.has_article) page.text = std::move(text);
    return page;
  }

  void SetFeed(bool feed) { is_feed_ = feed; }

 private:
  // True when the page says it is a single article: a JSON-LD article, or the chosen text inside
  // an <article> element that also holds the page's <h1> (teaser cards on front pages are
  // <article>s too, but under <h2>/<h3> headings). Not og:type: kompas.com's front page says
  // "article".
  bool DeclaresArticle(const std::vector<const GumboNode*>& chosen) const {
    if (ld_article_) return true;
    for (const GumboNode* n = chosen.front(); n != nullptr && IsElement(n); n = n->parent) {
      if (Tag(n) == GUMBO_TAG_ARTICLE) return HasH1(n);
    }
    return false;
  }
  static bool HasH1(const GumboNode* node) {
    if (!IsElement(node)) return false;
    if (Tag(node) == GUMBO_TAG_H1) return true;
    bool found = false;
    ForEachChild(node, [&](const GumboNode* child) { found = found || HasH1(child); });
    return found;
  }

  double AverageLine(size_t total) const {
    return lines_.empty() ? 0.0 : static_cast<double>(total) / static_cast<double>(lines_.size());
  }

  // --- metadata --------------------------------------------------------------------------------

  void CollectMeta(const GumboNode* node, HtmlPage* page) {
    if (!IsElement(node) && node->type != GUMBO_NODE_DOCUMENT) return;
    const GumboTag tag = Tag(node);
    if (tag == GUMBO_TAG_META) {
      const char* content = Attr(node, "content");
      if (content != nullptr) {
        for (const char* key_attr : {"property", "name", "itemprop", "http-equiv"}) {
          if (const char* key = Attr(node, key_attr)) meta_.emplace(Lower(key), Collapse(content));
        }
      }
    } else if (tag == GUMBO_TAG_LINK) {
      const std::string rel = AttrLower(node, "rel");
      if (rel == "canonical" && Attr(node, "href")) canonical_ = Attr(node, "href");
    } else if (tag == GUMBO_TAG_TITLE) {
      if (title_tag_.empty()) title_tag_ = Collapse(TextOf(node));
    } else if (tag == GUMBO_TAG_H1) {
      if (h1_.empty()) h1_ = Collapse(TextOf(node));
    } else if (tag == GUMBO_TAG_SCRIPT) {
      if (AttrLower(node, "type") == "application/ld+json") ParseJsonLd(TextOf(node));
      return;
    } else if (tag == GUMBO_TAG_STYLE) {
      return;
    }
    if (byline_.empty() && outside_article_ == 0 && tag != GUMBO_TAG_META && IsBylineElement(node)) {
      if (std::string text = Collapse(TextOf(node)); text.size() <= 200) byline_ = std::move(text);
    }
    // A table row labelled as the writer's, as Kompas prints it under the article:
    // <tr><td>Penulis</td><td>: Kontributor Lhokseumawe, Masriadi</td></tr>.
    if (labelled_byline_.empty() && outside_article_ == 0 && tag == GUMBO_TAG_TR) labelled_byline_ = LabelledRow(node);
    if (const char* itemprop = Attr(node, "itemprop"); itemprop != nullptr && tag != GUMBO_TAG_META) {
      std::string value;
      if (const char* dt = Attr(node, "datetime")) {
        value = dt;
      } else if (const char* c = Attr(node, "content")) {
        value = c;
      } else if (tag == GUMBO_TAG_LINK || tag == GUMBO_TAG_A) {
        if (const char* href = Attr(node, "href")) value = href;
      } else {
        value = TextOf(node);
      }
      value = Collapse(value);
      if (!value.empty() && value.size() < 300) itemprops_.emplace(Lower(itemprop), value);
    }
    // Comments, asides, navigation and footers hold other people's names: a commenter's, the
    // author of a related story; no byline is read inside them.
    const bool outside = IsOutsideArticle(node);
    outside_article_ += outside;
    ForEachChild(node, [&](const GumboNode* child) { CollectMeta(child, page); });
    outside_article_ -= outside;
  }

  // "Penulis: NAME" for a table row `node` whose first cell says "Penulis" or "Reporter" (a ':'
  // after it or not) and whose second holds up to 200 bytes; "" for any other row.
  static std::string LabelledRow(const GumboNode* node) {
    std::vector<const GumboNode*> cells;
    ForEachChild(node, [&](const GumboNode* child) {
      if (Tag(child) == GUMBO_TAG_TD || Tag(child) == GUMBO_TAG_TH) cells.push_back(child);
    });
    if (cells.size() < 2) return "";
    std::string label = Lower(Collapse(TextOf(cells[0])));
    while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
    if (label != "penulis" && label != "reporter") return "";
    std::string name = Collapse(TextOf(cells[1]));
    while (!name.empty() && (name.front() == ':' || name.front() == ' ')) name.erase(0, 1);
    return name.empty() || name.size() > 200 ? "" : "Penulis: " + name;
  }

  // Whether `node`'s class or id names the page's byline: a word of it is "author", "penulis",
  // "reporter" or "byline", alone or as a suffix ("detail__author", "read-author"; "penulis" and
  // "reporter" after any letters too, okezone's "nmreporter").
  static bool IsBylineElement(const GumboNode* node) {
    for (const char* attr : {"class", "id"}) {
      const std::string value = AttrLower(node, attr);
      size_t i = 0;
      while (i < value.size()) {
        const size_t end = std::min(value.find(' ', i), value.size());
        const std::string_view word = std::string_view(value).substr(i, end - i);
        if (word.find("comment") != std::string_view::npos) return false;  // "comment-author"
        for (std::string_view name : {"author", "penulis", "reporter", "byline"}) {
          if (word.size() >= name.size() && word.substr(word.size() - name.size()) == name &&
              (word.size() == name.size() || word[word.size() - name.size() - 1] == '_' ||
               word[word.size() - name.size() - 1] == '-' || name == "penulis" || name == "reporter")) {
            return true;
          }
        }
        i = end + 1;
      }
    }
    return false;
  }

  // Whether `node` is a part of the page that is not the article's own: an <aside>, <nav> or
  // <footer>, or an element whose class or id says comments, related stories, a sidebar, a
  // widget or a footer.
  static bool IsOutsideArticle(const GumboNode* node) {
    const GumboTag tag = Tag(node);
    if (tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_FOOTER) return true;
    const std::string names = AttrLower(node, "class") + " " + AttrLower(node, "id");
    for (const char* part : {"comment", "related", "sidebar", "widget", "footer", "terkait", "komentar"}) {
      if (names.find(part) != std::string::npos) return true;
    }
    return false;
  }

  static std::string TextOf(const GumboNode* node) {
    std::string out;
    AppendText(node, &out);
    return out;
  }
  static void AppendText(const GumboNode* node, std::string* out) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      out->append(node->v.text.text);
      return;
    }
    if (Tag(node) == GUMBO_TAG_STYLE) return;
    ForEachChild(node, [&](const GumboNode* child) {
      AppendText(child, out);
      if (IsElement(child) && !IsInline(Tag(child))) out->push_back(' ');
    });
  }

  static std::string JsonString(const nlohmann::json& v, const char* joiner) {
    if (v.is_string()) return Collapse(v.get<std::string>());
    if (v.is_number()) return v.dump();
    if (v.is_object()) {
      for (const char* k : {"name", "@id", "url"}) {
        if (v.contains(k) && v[k].is_string()) return Collapse(v[k].get<std::string>());
      }
      return {};
    }
    if (v.is_array()) {
      std::string out;
      for (const auto& e : v) {
        std::string s = JsonString(e, joiner);
        if (s.empty()) continue;
        if (!out.empty()) out += joiner;
        out += s;
      }
      return out;
    }
    return {};
  }

  static bool IsArticleType(const nlohmann::json& type) {
    static const std::unordered_set<std::string> kTypes = {
        "newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting"};
    if (type.is_string()) return kTypes.count(Lower(type.get<std::string>())) > 0;
    if (type.is_array()) {
      return std::any_of(type.begin(), type.end(), [](const nlohmann::json& t) { return IsArticleType(t); });
    }
    return false;
  }

  void ParseJsonLd(std::string text) {
    // Raw control characters inside strings are common in the wild; JSON forbids them.
    for (char& ch : text) {
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    }
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!doc.is_discarded()) VisitJsonLd(doc, 0);
  }

  void VisitJsonLd(const nlohmann::json& v, int depth) {
    if (depth > 4) return;
    if (v.is_array()) {
      for (const auto& e : v) VisitJsonLd(e, depth + 1);
      return;
    }
    if (!v.is_object()) return;
    if (v.contains("@graph")) VisitJsonLd(v["@graph"], depth + 1);
    if (!v.contains("@type") || !IsArticleType(v["@type"])) return;
    ld_article_ = true;
    auto set = [&](const char* key, std::string* field, const char* joiner) {
      if (field->empty() && v.contains(key)) *field = JsonString(v[key], joiner);
    };
    set("headline", &ld_.title, " ");
    set("datePublished", &ld_.published, " ");
    set("author", &ld_.author, ", ");
    set("articleSection", &ld_.category, ", ");
    set("url", &ld_.url, " ");
    set("mainEntityOfPage", &ld_.url, " ");
    if (v.contains("publisher")) set("publisher", &ld_.site_name, ", ");
    set("description", &ld_.description, " ");
  }

  std::string Meta(std::initializer_list<const char*> keys) const {
    for (const char* k : keys) {
      const auto it = meta_.find(k);
      if (it != meta_.end() && !it->second.empty()) return it->second;
    }
    return {};
  }
  std::string Itemprop(const char* key) const {
    const auto it = itemprops_.find(key);
    return it == itemprops_.end() ? std::string() : it->second;
  }
  static bool IsUrl(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }
  static std::string FirstNonUrl(std::initializer_list<std::string> values) {
    for (const std::string& v : values) {
      if (!v.empty() && !IsUrl(v)) return v;
    }
    return {};
  }

  // --- a date shown next to the headline -------------------------------------------------------

  // Whether `node` holds any text other than white space (script and style excluded).
  static bool HasText(const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      return std::any_of(node->v.text.text, node->v.text.text + std::strlen(node->v.text.text),
                         [](unsigned char c) { return !std::isspace(c); });
    }
    if (!IsElement(node)) return false;
    const GumboTag t = Tag(node);
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE) return false;
    bool any = false;
    ForEachChild(node, [&](const GumboNode* child) { any = any || HasText(child); });
    return any;
  }

  // The page's innermost text blocks in document order: elements whose children with text are
  // all inline, each with its tag and collapsed text.
  void LeafBlocks(const GumboNode* node, std::vector<std::pair<GumboTag, std::string>>* out) const {
    if (!IsElement(node) && node->type != GUMBO_NODE_DOCUMENT) return;
    const GumboTag t = Tag(node);
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT || t == GUMBO_TAG_TEMPLATE ||
        t == GUMBO_TAG_HEAD) {
      return;
    }
    bool leaf = node->type != GUMBO_NODE_DOCUMENT;
    ForEachChild(node, [&](const GumboNode* child) {
      if (leaf && IsElement(child) && !IsInline(Tag(child)) && HasText(child)) leaf = false;
    });
    if (leaf) {
      std::string text = Collapse(TextOf(node));
      if (!text.empty()) out->emplace_back(t, std::move(text));
      return;
    }
    ForEachChild(node, [&](const GumboNode* child) { LeafBlocks(child, out); });
  }

  // A date shown as a line of its own within a few blocks of the heading (<h1>-<h3>) that holds
  // `title` ("Rabu, 4 November 2015 | 21:04 WIB" under kompas.com's <h2>, okezone's <time> over
  // its <h1>), nearest first; "" when there is none. Dates further away (related-article lists)
  // are never taken.
  std::string DateNearHeadline(const std::string& title) const {
    if (title.empty()) return {};
    std::vector<std::pair<GumboTag, std::string>> blocks;
    LeafBlocks(root_, &blocks);
    constexpr size_t kMaxDateLine = 80;
    constexpr int kWindow = 4;
    // The headings that are the title, then those that hold it (with the site's name around it).
    std::vector<size_t> headings;
    for (const bool exact : {true, false}) {
      for (size_t h = 0; h < blocks.size(); ++h) {
        const auto& [tag, text] = blocks[h];
        if (tag != GUMBO_TAG_H1 && tag != GUMBO_TAG_H2 && tag != GUMBO_TAG_H3) continue;
        const bool is_title = text == title;
        if (exact ? is_title : !is_title && text.find(title) != std::string::npos && text.size() <= title.size() * 2) {
          headings.push_back(h);
        }
      }
    }
    for (const size_t h : headings) {
      for (int d = 1; d <= kWindow; ++d) {
        for (const int k : {static_cast<int>(h) + d, static_cast<int>(h) - d}) {
          if (k < 0 || k >= static_cast<int>(blocks.size())) continue;
          const std::string& line = blocks[static_cast<size_t>(k)].second;
          if (line.size() <= kMaxDateLine && ParseIndonesianDate(line)) return line;
        }
      }
    }
    return {};
  }

  // --- the author ------------------------------------------------------------------------------

  // Whether `name` is the publisher or an organisation rather than a person: the site's name, a
  // name with a word such as "Media", "Cyber", "PT" or "Redaksi", or one naming the brand of
  // the page's own domain ("Kompas Cyber Media" on kompas.com).
  static bool IsOrganisation(const std::string& name, const HtmlPage& page) {
    const std::string lower = Lower(name);
    if (!page.site_name.empty() && lower == Lower(page.site_name)) return true;
    if (HasOrganisationWord(lower)) return true;
    const std::string own = RegistrableDomain(page.url);
    if (own.empty()) return false;
    const std::vector<std::string> words = NameWords(lower);
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return BrandDomain(w) == own; });
  }

  // The first of `values` that names a person: not a URL (a profile page), not an organisation.
  static std::string FirstPerson(std::initializer_list<std::string> values, const HtmlPage& page) {
    for (const std::string& v : values) {
      if (!v.empty() && !IsUrl(v) && !IsOrganisation(v, page)) return v;
    }
    return {};
  }

  void FinishMeta(HtmlPage* page) {
    page->url = !canonical_.empty() ? canonical_ : Meta({"og:url"});
    if (page->url.empty() && IsUrl(ld_.url)) page->url = ld_.url;
    if (page->url.empty() && IsUrl(Itemprop("url"))) page->url = Itemprop("url");
    page->site_name = Meta({"og:site_name", "application-name"});
    if (page->site_name.empty()) page->site_name = ld_.site_name;
    // The first date of the page's metadata that reads (a pubdate of "garbage" gives way to the
    // dateCreated after it); when none does, the first given, which the indexer reports as a date
    // not understood.
    std::vector<std::string> dates = {ld_.published};
    for (const char* key : {"article:published_time", "og:article:published_time", "datepublished", "pubdate",
                            "publishdate", "publish-date", "publish_date", "content_publisheddate", "dtk:publishdate",
                            "dc.date.issued", "dc.date", "date", "parsely-pub-date", "sailthru.date",
                            "article:published", "datecreated"}) {
      dates.push_back(Meta({key}));
    }
    dates.push_back(Itemprop("datepublished"));
    std::erase_if(dates, [](const std::string& d) { return d.empty(); });
    const auto readable = std::find_if(dates.begin(), dates.end(), [](const std::string& d) { return ParseDateField(d).has_value(); });
    page->published = readable != dates.end() ? *readable : dates.empty() ? std::string() : dates.front();
    page->author = FirstPerson({ld_.author, Itemprop("author"), Meta({"article:author"}),
                                Meta({"content_author", "dtk:author", "dc.creator", "parsely-author", "byl"}),
                                Meta({"author"})},
                               *page);
    page->byline = labelled_byline_.empty() ? byline_ : labelled_byline_;  // a label says more than a class
    page->category = !ld_.category.empty() ? ld_.category
                                           : Meta({"article:section", "content_category", "dtk:namakanal",
                                                   "kanal", "category", "section"});
    if (page->category.empty()) page->category = FirstNonUrl({Itemprop("articlesection")});
    page->description = Meta({"og:description", "description", "twitter:description"});
    if (page->description.empty()) page->description = ld_.description;
    page->title = PickTitle(*page);
  }

  // The headline without the site's name appended ("... - Kompas.com Regional").
  std::string PickTitle(const HtmlPage& page) const {
    std::string title = ld_.title;
    if (title.empty()) title = Meta({"og:title", "twitter:title"});
    if (title.empty()) title = Itemprop("headline");
    if (title.empty()) title = title_tag_;
    if (title.empty()) return h1_;
    if (!h1_.empty() && h1_.size() * 2 >= title.size() && title.find(h1_) != std::string::npos) return h1_;
    std::vector<std::string> brands;
    if (!page.site_name.empty()) brands.push_back(Lower(page.site_name));
    const std::string host = HostOf(page.url);
    if (!host.empty()) {
      // "regional.kompas.com" -> "kompas"
      std::vector<std::string> labels;
      size_t start = 0;
      for (size_t dot = host.find('.'); ; dot = host.find('.', start)) {
        labels.push_back(host.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
      }
      for (const std::string& l : labels) {
        if (l.size() >= 4 && l != "www" && l != "com" && l != "news") brands.push_back(l);
      }
    }
    for (const char* generic : {".com", ".co.id", ".id", ".net", "news", "online", "berita"}) brands.emplace_back(generic);
    for (int round = 0; round < 2; ++round) {
      size_t cut = std::string::npos;
      size_t sep_len = 0;
      for (const char* sep : {" - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB "}) {
        const size_t p = title.rfind(sep);
        if (p != std::string::npos && (cut == std::string::npos || p > cut)) {
          cut = p;
          sep_len = std::strlen(sep);
        }
      }
      if (cut == std::string::npos || cut == 0) break;
      const std::string tail = Lower(title.substr(cut + sep_len));
      const bool brand = std::any_of(brands.begin(), brands.end(),
                                     [&](const std::string& b) { return !b.empty() && tail.find(b) != std::string::npos; });
      if (!brand) break;
      title.resize(cut);
    }
    return title;
  }

  static std::string HostOf(const std::string& url) {
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos) return {};
    const size_t start = scheme + 3;
    const size_t end = url.find_first_of("/?#:", start);
    return Lower(url.substr(start, end == std::string::npos ? std::string::npos : end - start));
  }

  // --- body ------------------------------------------------------------------------------------

  static const GumboNode* FindBody(const GumboNode* node) {
    if (Tag(node) == GUMBO_TAG_BODY) return node;
    const GumboNode* found = nullptr;
    ForEachChild(node, [&](const GumboNode* child) {
      if (found == nullptr && (IsElement(child) || child->type == GUMBO_NODE_DOCUMENT)) found = FindBody(child);
    });
    return found;
  }

  size_t RawText(const GumboNode* node) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) return Collapse(node->v.text.text).size();
    if (!IsElement(node)) return 0;
    const GumboTag t = Tag(node);
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_NOSCRIPT) return 0;
    size_t n = 0;
    ForEachChild(node, [&](const GumboNode* child) { n += RawText(child); });
    raw_text_[node] = n;
    return n;
  }

  bool ContainsArticleBody(const GumboNode* node) const {
    if (!IsElement(node)) return false;
    if (AttrLower(node, "itemprop") == "articlebody") return true;
    bool found = false;
    ForEachChild(node, [&](const GumboNode* child) { found = found || ContainsArticleBody(child); });
    return found;
  }

  void Prune(const GumboNode* node) {
    if (!IsElement(node)) return;
    const GumboTag t = Tag(node);
    bool junk = IsJunkTag(t) || IsHidden(node);
    if (!junk && node != body_ && t != GUMBO_TAG_ARTICLE && t != GUMBO_TAG_MAIN) {
      const std::string names = ClassAndId(node);
      if (names.size() > 1 && HasWidgetName(names)) {
        // A "widget" holding most of the page's text is the page (e.g. "container has-sidebar").
        const size_t own = raw_text_[node];
        junk = own * 2 < raw_text_total_ && !ContainsArticleBody(node) && AttrLower(node, "itemprop") != "articlebody";
      }
    }
    // An <article> inside the article's body with a small part of its text is a card of another
    // story (a related item: its heading was dropped as furniture, its teaser was kept).
    if (!junk && t == GUMBO_TAG_ARTICLE && node != body_ && raw_text_[node] * 3 < raw_text_total_ && !ContainsArticleBody(node)) {
      junk = true;
    }
    if (t == GUMBO_TAG_HEADER && ContainsArticleBody(node)) junk = false;
    if (junk) {
      pruned_.insert(node);
      return;
    }
    ForEachChild(node, [&](const GumboNode* child) { Prune(child); });
  }

  bool Pruned(const GumboNode* node) const { return pruned_.count(node) > 0; }

  Stats Measure(const GumboNode* node) {
    Stats s;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
      s.text = Collapse(node->v.text.text).size();
      return s;
    }
    if (!IsElement(node) || Pruned(node)) return s;
    ForEachChild(node, [&](const GumboNode* child) {
      const Stats c = Measure(child);
      s.text += c.text;
      s.links += c.links;
    });
    if (Tag(node) == GUMBO_TAG_A) s.links = s.text;
    Stats& stored = stats_[node];
    stored.text = s.text;
    stored.links = s.links;
    return s;
  }

  // Paragraph-like units: maximal runs of inline content inside a block, split at <br>. Each
  // unit of 25+ bytes scores 1 + its commas + min(length / 100, 3); the score goes to the
  // containing block (or, for <p>/<li>-like blocks, to their parent) and half to the next one up.
  void ScoreParagraphs(const GumboNode* node) {
    if (!IsElement(node) || Pruned(node)) return;
    if (!IsInline(Tag(node))) ScoreBlock(node);
    ForEachChild(node, [&](const GumboNode* child) { ScoreParagraphs(child); });
  }

  void ScoreBlock(const GumboNode* block) {
    struct Unit {
      size_t len = 0;
      size_t commas = 0;
    } unit;
    double score = 0;
    auto end_unit = [&] {
      if (unit.len >= 25) score += 1.0 + static_cast<double>(unit.commas) + std::min(static_cast<double>(unit.len) / 100.0, 3.0);
      unit = Unit();
    };
    std::function<void(const GumboNode*)> walk = [&](const GumboNode* n) {
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        const std::string t = Collapse(n->v.text.text);
        unit.len += t.size();
        unit.commas += static_cast<size_t>(std::count(t.begin(), t.end(), ','));
        return;
      }
      if (!IsElement(n) || Pruned(n)) return;
      const GumboTag t = Tag(n);
      if (t == GUMBO_TAG_BR) {
        end_unit();
        return;
      }
      if (!IsInline(t)) {
        end_unit();  // a nested block is scored on its own
        return;
      }
      ForEachChild(n, walk);
    };
    ForEachChild(block, walk);
    end_unit();
    if (score <= 0) return;
    const GumboTag t = Tag(block);
    const bool paragraph = t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_BLOCKQUOTE || t == GUMBO_TAG_LI ||
                           t == GUMBO_TAG_H2 || t == GUMBO_TAG_H3 || t == GUMBO_TAG_H4 || t == GUMBO_TAG_TD ||
                           t == GUMBO_TAG_DD;
    const GumboNode* first = paragraph ? block->parent : block;
    if (first == nullptr || !IsElement(first)) return;
    Credit(first, score);
    if (first->parent != nullptr && IsElement(first->parent) && first != body_) Credit(first->parent, score / 2);
  }

  void Credit(const GumboNode* node, double score) {
    Stats& s = stats_[node];
    s.score += score;
    s.scored = true;
  }

  double FinalScore(const GumboNode* node) {
    const Stats& s = stats_[node];
    const double density = s.text ? static_cast<double>(s.links) / static_cast<double>(s.text) : 0.0;
    return s.score * (1.0 - density) + NameWeight(node);
  }

  const GumboNode* FindArticleBody(const GumboNode* node) {
    if (!IsElement(node) || Pruned(node)) return nullptr;
    if (AttrLower(node, "itemprop") == "articlebody" && stats_[node].text >= 150) return node;
    const GumboNode* found = nullptr;
    ForEachChild(node, [&](const GumboNode* child) {
      if (found == nullptr) found = FindArticleBody(child);
    });
    return found;
  }

  std::vector<const GumboNode*> Choose() {
    if (const GumboNode* marked = FindArticleBody(body_)) return {marked};
    const GumboNode* top = nullptr;
    double best = 0;
    for (const auto& [node, s] : stats_) {
      if (!s.scored) continue;
      const double score = FinalScore(node);
      if (top == nullptr || score > best ||
          (score == best && node->v.element.start_pos.offset < top->v.element.start_pos.offset)) {
        top = node;
        best = score;
      }
    }
    if (top == nullptr || best <= 0) return {};
    std::vector<const GumboNode*> chosen;
    const GumboNode* parent = top->parent;
    if (parent == nullptr || top == body_) return {top};
    const double threshold = std::max(10.0, best * 0.2);
    ForEachChild(parent, [&](const GumboNode* sib) {
      if (sib == top) {
        chosen.push_back(sib);
        return;
      }
      if (!IsElement(sib) || Pruned(sib)) return;
      const auto it = stats_.find(sib);
      if (it == stats_.end()) return;
      const Stats& s = it->second;
      const double density = s.text ? static_cast<double>(s.links) / static_cast<double>(s.text) : 1.0;
      // Raw paragraph evidence, not the name bonus: a "read__time" line is not body text.
      if (s.scored && s.score * (1.0 - density) >= threshold && density < 0.25) {
        chosen.push_back(sib);
      } else if (Tag(sib) == GUMBO_TAG_P && s.text >= 80 && density < 0.25) {
        chosen.push_back(sib);
      }
    });
    return chosen;
  }

  // --- text output -----------------------------------------------------------------------------

  void FlushLine() {
    std::string line = Collapse(line_);
    const size_t links = line_links_;
    line_.clear();
    line_links_ = 0;
    if (line.empty()) return;
    // Lines that are mostly links ("Baca juga: ...", tag lists) are navigation.
    if (links * 2 > line.size() && links > 0) return;
    lines_.push_back(std::move(line));
  }

  void EmitText(const GumboNode* node, bool in_link = false) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
      const std::string_view t = node->v.text.text;
      line_.append(t);
      if (in_link) line_links_ += Collapse(t).size();
      return;
    }
    if (!IsElement(node) || Pruned(node)) return;
    const GumboTag t = Tag(node);
    if (t == GUMBO_TAG_BR) {
      FlushLine();
      return;
    }
    if (t == GUMBO_TAG_H1) return;  // the headline, reported as the title
    if (t == GUMBO_TAG_IMG) return;
    const bool block = !IsInline(t);
    if (block) FlushLine();
    if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) line_ += ' ';
    const bool link = in_link || t == GUMBO_TAG_A;
    ForEachChild(node, [&](const GumboNode* child) {
      EmitText(child, link);
      if (IsElement(child) && (Tag(child) == GUMBO_TAG_TD || Tag(child) == GUMBO_TAG_TH)) line_ += ' ';
    });
    if (block && t != GUMBO_TAG_TD && t != GUMBO_TAG_TH) FlushLine();
  }

  const GumboNode* root_;
  const GumboNode* body_ = nullptr;
  bool is_feed_ = false;
  std::unordered_map<std::string, std::string> meta_;       // first value per key
  std::unordered_map<std::string, std::string> itemprops_;  // first value per itemprop
  std::string canonical_;
  std::string title_tag_;
  std::string h1_;
  std::string byline_;      // the first byline element's text (HtmlPage::byline)
  std::string labelled_byline_;  // the first table row labelled as the writer's (LabelledRow)
  size_t outside_article_ = 0;  // CollectMeta: how many elements around it are IsOutsideArticle
  struct {
    std::string title, published, author, category, url, site_name, description;
  } ld_;
  bool ld_article_ = false;  // a JSON-LD object of an article type was seen
  std::unordered_map<const GumboNode*, size_t> raw_text_;
  size_t raw_text_total_ = 0;
  std::unordered_set<const GumboNode*> pruned_;
  std::unordered_map<const GumboNode*, Stats> stats_;
  std::string line_;
  size_t line_links_ = 0;
  std::vector<std::string> lines_;
};

std::string_view SkipBomAndSpace(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

bool IsFeed(std::string_view html) {
  const std::string head = Lower(SkipBomAndSpace(html).substr(0, 1024));
  return head.rfind("<?xml", 0) == 0 &&
         (head.find("<rss") != std::string::npos || head.find("<feed") != std::string::npos ||
          head.find("<rdf:rdf") != std::string::npos);
}

// The deepest element's depth below `root`, counted without recursion (the extractor's walks
// recurse, one stack frame per level).
size_t TreeDepth(const GumboNode* root) {
  size_t deepest = 0;
  std::vector<std::pair<const GumboNode*, size_t>> stack{{root, 0}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, depth);
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboVector& children = node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
    for (unsigned k = 0; k < children.length; ++k) stack.emplace_back(static_cast<const GumboNode*>(children.data[k]), depth + 1);
  }
  return deepest;
}

// What a page may ask of the parser. gumbo (0.10) does work per tag proportional to the
// elements left open (the scope checks walk the stack of open elements) and clones the open
// formatting elements (<b>, <a>, <font>, ...) into every new block, so a malformed page of a
// few hundred KB can take minutes and gigabytes: 200,000 nested <div> took 110 s; <b id=N><p>x
// repeated 20,000 times more than a minute; 200,000 attributes on one element 200 s. The
// pre-scan estimates that work in one pass before parsing and refuses a page above the limits,
// which bound the parse to about a quarter of a second and 100 MB. Real pages stay far below
// them: the saved pages of ten sites keep at most 24 elements open and cost at most 52,309.
constexpr size_t kMaxAttributes = 1000;
constexpr uint64_t kMaxParseCost = 10'000'000;
// A formatting element left open is cloned once per block that follows it.
constexpr uint64_t kFormattingCloneCost = 20;

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never hold others (void), or whose end tag the parser supplies when a sibling
// starts (optional end tags): neither stays open on the stack for long.
bool NeverStaysOpen(std::string_view name) {
  return IsOneOf(name, {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
                        "keygen", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option",
                        "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "caption", "rb", "rt",
                        "rtc", "rp", "html", "head", "body"});
}

bool IsFormattingElement(std::string_view name) {
  return IsOneOf(name, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"});
}

// Elements whose content is text up to their end tag.
bool IsRawTextElement(std::string_view name) {
  return IsOneOf(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"});
}

// Fails with kInvalidArgument when parsing `html` would cost more than the limits above allow.
// One pass over the tags (comments and raw text skipped); each name's unclosed count goes down
// only at its own end tag, so it overestimates what is open when an end tag closes others.
Status PrescanHtml(std::string_view html) {
  const auto too_costly = [](const std::string& what) {
    return Status::InvalidArgument({}, "HTML " + what + ": too costly to parse, not read as an article");
  };
  std::unordered_map<std::string, size_t> open;
  size_t blocks = 0, formatting = 0, tags = 0;
  uint64_t cost = 0;
  std::string name;
  size_t i = 0;
  const size_t n = html.size();
  while ((i = html.find('<', i)) != std::string_view::npos) {
    if (html.compare(i, 4, "<!--") == 0) {
      const size_t end = html.find("-->", i + 4);
      i = end == std::string_view::npos ? n : end + 3;
      continue;
    }
    const bool end_tag = i + 1 < n && html[i + 1] == '/';
    size_t p = i + 1 + (end_tag ? 1 : 0);
    if (p >= n || !IsAsciiAlpha(html[p])) {
      if (p < n && (html[p] == '!' || html[p] == '?')) {
        const size_t end = html.find('>', p);
        i = end == std::string_view::npos ? n : end + 1;
      } else {
        i = p;
      }
      continue;
    }
    name.clear();
    while (p < n && !IsHtmlSpace(html[p]) && html[p] != '/' && html[p] != '>') {
      if (name.size() < 32) name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[p])));
      ++p;
    }
    // Attributes up to the tag's '>': a name, then '=' and a quoted or bare value.
    size_t attributes = 0;
    while (p < n && html[p] != '>') {
      if (IsHtmlSpace(html[p]) || html[p] == '/') {
        ++p;
        continue;
      }
      ++attributes;
      while (p < n && !IsHtmlSpace(html[p]) && html[p] != '/' && html[p] != '>' && html[p] != '=') ++p;
      while (p < n && IsHtmlSpace(html[p])) ++p;
      if (p < n && html[p] == '=') {
        ++p;
        while (p < n && IsHtmlSpace(html[p])) ++p;
        if (p < n && (html[p] == '"' || html[p] == '\'')) {
          const size_t close = html.find(html[p], p + 1);
          p = close == std::string_view::npos ? n : close + 1;
        } else {
          while (p < n && !IsHtmlSpace(html[p]) && html[p] != '>') ++p;
        }
      }
    }
    if (attributes > kMaxAttributes) {
      return too_costly("gives one <" + name + "> " + std::to_string(attributes) + " attributes (at most " +
                        std::to_string(kMaxAttributes) + ")");
    }
    i = p < n ? p + 1 : n;
    ++tags;
    cost += blocks + kFormattingCloneCost * formatting;
    if (cost > kMaxParseCost) {
      return too_costly("keeps " + std::to_string(blocks + formatting) + " elements open at its tag " +
                        std::to_string(tags));
    }
    if (end_tag) {
      auto it = open.find(name);
      if (it != open.end() && it->second > 0) {
        --it->second;
        --(IsFormattingElement(name) ? formatting : blocks);
      }
      continue;
    }
    if (IsRawTextElement(name)) {
      // Skip to the matching end tag, whatever its case.
      for (size_t at = html.find("</", i); ; at = html.find("</", at + 2)) {
        if (at == std::string_view::npos) return Status::Ok();
        if (Lower(html.substr(at + 2, name.size())) == name) {
          i = at;
          break;
        }
      }
      continue;
    }
    if (name == "plaintext") return Status::Ok();
    if (NeverStaysOpen(name)) continue;
    ++open[name];
    ++(IsFormattingElement(name) ? formatting : blocks);
  }
  return Status::Ok();
}

}  // namespace

Result<HtmlPage> ExtractHtml(std::string_view html_utf8) {
  if (!IsWellFormedUtf8(html_utf8)) return Status::InvalidArgument({}, "HTML is not valid UTF-8");
  if (Status cost = PrescanHtml(html_utf8); !cost.ok()) return cost;
  // max_errors 0: gumbo records no parse errors. Each one it records copies the stack of open
  // elements, which made 16,000 nested tables (240 KB) take 8 GB.
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
      gumbo_parse_with_options(&options, html_utf8.data(), html_utf8.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  if (!output) return Status::Internal("gumbo_parse failed");
  // A page nesting thousands of elements (no site's article does) would overflow the stack.
  if (const size_t depth = TreeDepth(output->document); depth > kMaxHtmlDepth) {
    return Status::InvalidArgument({}, "HTML elements nested " + std::to_string(depth) + " deep (at most " +
                                           std::to_string(kMaxHtmlDepth) + "): not read as an article");
  }
  Extractor extractor(output->document);
  extractor.SetFeed(IsFeed(html_utf8));
  return extractor.Run();
}

std::string SniffHtmlCharset(std::string_view bytes) {
  const std::string head = Lower(bytes.substr(0, 4096));
  // <?xml version="1.0" encoding="..."?>
  if (head.rfind("<?xml", 0) == 0) {
    const size_t end = head.find("?>");
    const size_t enc = head.find("encoding=");
    if (enc != std::string::npos && enc < end) {
      size_t p = enc + 9;
      if (p < head.size() && (head[p] == '"' || head[p] == '\'')) ++p;
      const size_t q = head.find_first_of("\"' ?", p);
      if (q != std::string::npos && q > p) return head.substr(p, q - p);
    }
  }
  for (size_t pos = head.find("<meta"); pos != std::string::npos; pos = head.find("<meta", pos + 5)) {
    const size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    const std::string_view tag = std::string_view(head).substr(pos, end - pos);
    const size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    size_t p = cs + 7;
    while (p < tag.size() && (tag[p] == ' ' || tag[p] == '=')) ++p;
    if (p < tag.size() && (tag[p] == '"' || tag[p] == '\'')) ++p;
    size_t q = p;
    while (q < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[q])) || tag[q] == '-' || tag[q] == '_' ||
                              tag[q] == ':' || tag[q] == '.')) {
      ++q;
    }
    if (q > p) return std::string(tag.substr(p, q - p));
  }
  return {};
}

bool LooksLikeHtml(std::string_view head) {
  const std::string h = Lower(SkipBomAndSpace(head).substr(0, 2048));
  for (const char* start : {"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title"}) {
    if (h.rfind(start, 0) == 0) return true;
  }
  return h.find("<html") != std::string::npos || h.find("<body") != std::string::npos;
}

Result<HtmlPage> ExtractHtmlBytes(std::string_view bytes) {
  Result<std::string> utf8 = DecodeToUtf8(bytes, SniffHtmlCharset(bytes));
  if (!utf8.ok()) return utf8.status();
  return ExtractHtml(*utf8);
}

}  // namespace rkn
