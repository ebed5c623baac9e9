// LuceneRank: a stock Lucene 8.7 box for the ranking evaluation (cmd/evalrank -peers).
//
//   java LuceneRank cjk|smartcn PARAGRAPHS.jsonl QUERIES.tsv OUT.tsv
//
// It indexes every line of PARAGRAPHS.jsonl ({"id": N, "doc": "...", "text": "..."}) as
// one Lucene document (id stored, text a TextField analysed by CJKAnalyzer, which makes
// overlapping bigrams, or SmartChineseAnalyzer, which segments words), in memory, with
// the default similarity (BM25). Each QUERIES.tsv line is "query-id<TAB>words separated
// by spaces"; the words are escaped and handed to the classic QueryParser with default
// operator OR, as someone who set up Lucene in five minutes would. For each query it
// writes "query-id<TAB>rank<TAB>paragraph-id" for the top 10, best first.
//
// Nothing but the JDK and the Lucene jars: the one-object-per-line JSON of paras.py is
// read by a small parser below.

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

public class LuceneRank {
    static final String TEXT = "text";
    static final int TOP = 10;

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: LuceneRank cjk|smartcn PARAGRAPHS.jsonl QUERIES.tsv OUT.tsv");
            System.exit(2);
        }
        Analyzer analyzer;
        switch (args[0]) {
            case "cjk": analyzer = new CJKAnalyzer(); break;
            case "smartcn": analyzer = new SmartChineseAnalyzer(); break;
            default:
                System.err.println("LuceneRank: analyzer must be cjk or smartcn, not " + args[0]);
                System.exit(2);
                return;
        }
        Directory dir = new ByteBuffersDirectory();
        int n = 0;
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256));
             BufferedReader in = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                Json p = new Json(line);
                Document d = new Document();
                d.add(new StoredField("id", p.field("id")));
                d.add(new TextField(TEXT, p.field("text"), Field.Store.NO));
                w.addDocument(d);
                n++;
            }
        }
        try (DirectoryReader reader = DirectoryReader.open(dir);
             BufferedReader in = Files.newBufferedReader(Paths.get(args[2]), StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(Paths.get(args[3]), StandardCharsets.UTF_8)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            String line;
            int queries = 0;
            while ((line = in.readLine()) != null) {
                int tab = line.indexOf('\t');
                if (tab < 0) continue;
                String id = line.substring(0, tab);
                StringBuilder q = new StringBuilder();
                for (String word : line.substring(tab + 1).trim().split("\\s+")) {
                    if (word.isEmpty()) continue;
                    if (q.length() > 0) q.append(' ');
                    q.append(QueryParser.escape(word));
                }
                queries++;
                if (q.length() == 0) continue;
                QueryParser qp = new QueryParser(TEXT, analyzer);
                qp.setDefaultOperator(QueryParser.Operator.OR);
                ScoreDoc[] top = searcher.search(qp.parse(q.toString()), TOP).scoreDocs;
                for (int r = 0; r < top.length; r++) {
                    out.write(id + "\t" + (r + 1) + "\t" + searcher.doc(top[r].doc).get("id") + "\n");
                }
            }
            System.err.printf("LuceneRank %s: %d paragraphs, %d queries%n", args[0], n, queries);
        }
    }

    // Json reads the string and number members of one flat JSON object.
    static final class Json {
        final String s;
        int i;
        final java.util.Map<String, String> m = new java.util.HashMap<>();

        Json(String s) throws IOException {
            this.s = s;
            ws();
            expect('{');
            ws();
            if (peek() == '}') return;
            while (true) {
                ws();
                String k = string();
                ws();
                expect(':');
                ws();
                m.put(k, peek() == '"' ? string() : scalar());
                ws();
                if (peek() == ',') { i++; continue; }
                expect('}');
                return;
            }
        }

        String field(String k) throws IOException {
            String v = m.get(k);
            if (v == null) throw new IOException("paragraph has no \"" + k + "\": " + s.substring(0, Math.min(80, s.length())));
            return v;
        }

        char peek() throws IOException {
            if (i >= s.length()) throw new IOException("truncated JSON line");
            return s.charAt(i);
        }

        void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        void expect(char c) throws IOException {
            if (peek() != c) throw new IOException("expected '" + c + "' at " + i + " in a JSON line");
            i++;
        }

        String scalar() throws IOException {
            int start = i;
            while (i < s.length() && ",}] \t".indexOf(s.charAt(i)) < 0) i++;
            if (i == start) throw new IOException("bad value at " + i + " in a JSON line");
            return s.substring(start, i);
        }

        String string() throws IOException {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = peek();
                i++;
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = peek();
                i++;
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw new IOException("truncated \\u escape");
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                        break;
                    default: b.append(e); // \" \\ \/
                }
            }
        }
    }
}
