# Counts the sentence ends SpaceGluedSentences (common/text.cc) spaces in the CLICK-ID dump and two raw samples, with its rule
# written again in Python: python3 bench/glued_sentences.py (from the repository root, ../shared present).
import re,json,csv,sys
csv.field_size_limit(10**9)
DOM={"com","org","net","gov","edu","info","biz"}
def count(t):
    n=0
    for m in re.finditer(r'(?<=[a-z0-9)])[.!?](?=[A-Z][a-z]{2})',t):
        i=m.start()
        e=i+1
        while e<len(t) and t[e].isascii() and t[e].isalpha(): e+=1
        if t[i+1:e].lower() in DOM: continue
        b=i
        while b>0 and not t[b-1].isspace(): b-=1
        w=t[b:i]
        if '@' in w or '://' in w or w.startswith('www'): continue
        n+=1
    return n
tot=docs=0
for l in open('../shared/corpora/clickid-2019.jsonl'):
    c=count(json.loads(l).get('content') or ''); tot+=c; docs+=c>0
print('clickid',tot,docs)
for f,col in [('fazamina_detik_sentiment_2022-23','text'),('svmihar_ALL_kompas_bisnis_kontan',None)]:
    rows=list(csv.DictReader(open('../shared/corpora/raw-samples/%s.csv'%f)))
    if col is None: print(list(rows[0].keys())); col=[c for c in rows[0] if c.lower() in ('content','isi','text','article','body')][0]
    tot=sum(count(r[col] or '') for r in rows); print(f,len(rows),tot)
