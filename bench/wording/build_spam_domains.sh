#!/bin/sh
# Rebuild govinspect/extract/security/data/spam_domains.txt from the licensed lists in ../shared/realdata/keywords
# (konsheng: MIT, fwwdn: Apache-2.0). Run from the repository root. Never run at install or run time.
set -e
K=../shared/realdata/keywords
OUT=govinspect/extract/security/data/spam_domains.txt
{
  echo "# Spam/illegal domains (one per line). Union of konsheng/Sensitive-lexicon Vocabulary/非法网址.txt (MIT) and"
  echo "# fwwdn/sensitive-stop-words 网址.txt (Apache-2.0), lowercased, www. stripped; .gov.cn/.edu.cn and shared hosts removed."
  cat $K/konsheng_illegal_urls.txt $K/fwwdn_spam_urls.txt | tr -d '\r' | tr 'A-Z' 'a-z' \
    | sed 's/^ *//;s/ *$//;s#^https\?://##;s#[/:].*##;s/^www\.//' \
    | grep -E '^[a-z0-9.-]+\.[a-z]{2,}$' | grep -v -E '(\.gov\.cn|\.edu\.cn|\.gov)$' \
    | grep -v -x -E '(qq\.com|baidu\.com|163\.com|126\.com|sina\.com\.cn|sina\.com|sohu\.com|taobao\.com|google\.com|yahoo\.com|hotmail\.com|gmail\.com|3322\.org|8800\.org|2288\.org|blogspot\.com|126gz\.com|netsh\.com|tk|cn|com|net|org)' \
    | sort -u
} > $OUT
