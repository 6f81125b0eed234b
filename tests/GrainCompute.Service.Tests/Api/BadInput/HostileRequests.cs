namespace GrainCompute.Service.Tests.Api.BadInput;

/// <summary>
/// The catalogue of bad and hostile inputs against the HTTP API, by kind: each must get a 4xx problem, never a 500,
/// and leave the silo serving. Names are unique; a theory row is a name, looked up here.
/// </summary>
internal static class HostileRequests
{
    /// <summary>The fixture's Compute:MaxBodyBytes, small so an oversize body is cheap to send.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private static readonly Lazy<IReadOnlyDictionary<string, HostileRequest>> ByName = new(() =>
    {
        var all = All().ToList();
        var duplicate = all.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        Assert.True(duplicate is null, $"two hostile requests are named '{duplicate?.Key}'");
        return all.ToDictionary(r => r.Name);
    });

    public static IReadOnlyDictionary<string, HostileRequest> Catalogue => ByName.Value;

    public static TheoryData<string> Names
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var name in Catalogue.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    private static IEnumerable<HostileRequest> All() =>
        MalformedBodies().Concat(WrongTypes()).Concat(Numbers()).Concat(Kernels()).Concat(Parameters()).Concat(Options())
            .Concat(Ids()).Concat(Futures()).Concat(ContentTypes()).Concat(Sizes()).Concat(Queries()).Concat(Waits()).Concat(Batches()).Concat(Http());

    private static HostileRequest Submit(string name, string body, string? contentType = "application/json") => new(name, "POST", "/api/jobs", body, contentType);

    private static IEnumerable<HostileRequest> MalformedBodies()
    {
        string[] bodies =
        [
            "", "{", "}", "[", "]", "{\"kernel\":", "{\"kernel\":\"noop\"", "nul", "tru", "{'kernel':'noop'}", "{\"kernel\":\"noop\",}",
            "{\"kernel\" \"noop\"}", "{{}}", "{\"kernel\":\"noop\"}{}", "{\"kernel\":\"noop\"} trailing", "\u0000", "{\"kernel\":\"no\u0000op\"", "[1,2,3]",
            "\"noop\"", "42", "true", "null", "{\"kernel\":noop}", "{kernel:\"noop\"}", "{\"kernel\":\"noop\" /* comment */}", "\uFEFF\uFEFF{}",
            "{\"kernel\":\"\\uD800\"}", "{\"kernel\":\"\\u12\"}", "{\"kernel\":\"noop\",\"parameters\":{\"n\":1,}}", "{\"a\":1e}",
        ];
        return bodies.Select((body, i) => Submit($"malformed body #{i:00}", body));
    }

    private static IEnumerable<HostileRequest> WrongTypes()
    {
        string[] kernels = ["1", "true", "[]", "{}", "null", "1.5"];
        string[] parameters = ["\"x\"", "1", "[]", "true", "[{\"n\":1}]"];
        string[] chunkSizes = ["true", "[]", "{}", "1.5", "\"\"", "\"ten\""];
        string[] ids = ["1", "[]", "{}", "true", "1.5"];
        string[] options = ["1", "\"x\"", "[]", "true"];
        return kernels.Select(k => Submit($"kernel is {k}", $"{{\"kernel\":{k}}}"))
            .Concat(parameters.Select(p => Submit($"parameters is {p}", $"{{\"kernel\":\"noop\",\"parameters\":{p}}}")))
            .Concat(chunkSizes.Select(c => Submit($"chunkSize is {c}", $"{{\"kernel\":\"noop\",\"chunkSize\":{c}}}")))
            .Concat(ids.Select(id => Submit($"id is {id}", $"{{\"kernel\":\"noop\",\"id\":{id}}}")))
            .Concat(options.Select(o => Submit($"options is {o}", $"{{\"kernel\":\"noop\",\"options\":{o}}}")));
    }

    private static IEnumerable<HostileRequest> Numbers()
    {
        string[] chunkSizes = ["0", "-1", "-2147483648", "2147483648", "18446744073709551616", "1e308", "-1e308", "\"NaN\"", "\"Infinity\"", "1e400"];
        string[] counts = ["-1", "0.5", "1e20", "9223372036854775808", "-9223372036854775809", "\"NaN\"", "1e400", "100000001"];
        return chunkSizes.Select(c => Submit($"chunkSize {c}", $"{{\"kernel\":\"noop\",\"parameters\":{{\"n\":10}},\"chunkSize\":{c}}}"))
            .Concat(counts.Select(n => Submit($"noop n {n}", $"{{\"kernel\":\"noop\",\"parameters\":{{\"n\":{n}}}}}")));
    }

    private static IEnumerable<HostileRequest> Kernels()
    {
        string[] names = ["julai", "", " ", "../noop", "noop ", "noop\\u0000", "нооп", "🦀", "NOOP-", "noop;drop table jobs", "%6eoop", "mpi-nonexistent"];
        return names.Select(n => Submit($"kernel named '{n}'", $"{{\"kernel\":\"{n}\"}}"))
            .Append(Submit("kernel name of 100000 characters", $"{{\"kernel\":\"{new string('k', 100_000)}\"}}"))
            .Append(Submit("no kernel at all", "{\"parameters\":{\"n\":1}}"))
            .Append(Submit("empty object", "{}"));
    }

    private static IEnumerable<HostileRequest> Parameters()
    {
        (string Kernel, string Parameters)[] cases =
        [
            ("noop", "{\"n\":\"many\"}"), ("noop", "{\"n\":[1]}"), ("noop", "{\"n\":-5}"), ("noop", "{\"n\":{}}"),
            ("collatz", "{\"n\":-5}"), ("collatz", "{\"n\":\"NaN\"}"), ("collatz", "{\"n\":1e30}"),
            ("julia", "{\"width\":-1}"), ("julia", "{\"width\":0}"), ("julia", "{\"height\":-1}"), ("julia", "{\"width\":2147483647,\"height\":2147483647}"), ("julia", "{\"width\":\"wide\"}"),
            ("montecarlo-pi", "{\"samples\":-1}"), ("montecarlo-pi", "{\"blockSize\":0}"), ("montecarlo-pi", "{\"blockSize\":-1}"), ("montecarlo-pi", "{\"samples\":9223372036854775807,\"blockSize\":1}"),
            ("isprime", "{\"n\":\"prime\"}"), ("isprime", "{\"intervals\":0}"), ("isprime", "{\"intervals\":-1}"),
            ("factorial", "{\"n\":-1}"), ("factorial", "{\"blockSize\":0}"), ("factorial", "{\"n\":2147483647}"),
            ("correlate", "{\"series\":-1}"), ("correlate", "{\"series\":1}"), ("correlate", "{\"length\":0}"), ("correlate", "{\"data\":\"x\"}"), ("correlate", "{\"data\":[[1,\"a\"]]}"),
            ("slowadd", "{\"a\":9223372036854775807,\"b\":1}"), ("slowadd", "{\"delay\":-1}"), ("slowadd", "{\"delay\":\"NaN\"}"), ("slowadd", "{\"count\":-1}"),
            ("slowinc", "{\"x\":9223372036854775807}"), ("slowsub", "{\"a\":-9223372036854775808,\"b\":1}"),
            ("sumprimes", "{\"numbers\":\"1,2\"}"), ("sumprimes", "{\"numbers\":[-1]}"), ("sumprimes", "{\"numbers\":[\"x\"]}"), ("sumprimes", "{\"numbers\":[1e30]}"),
            ("countprimes", "{\"rangeSize\":0}"), ("countprimes", "{\"n\":-1}"),
            ("square", "{\"n\":-1}"), ("euler-e", "{\"blockSize\":0}"), ("euler-e", "{\"samples\":-1}"),
        ];
        return cases.Select(c => Submit($"{c.Kernel} with {c.Parameters}", $"{{\"kernel\":\"{c.Kernel}\",\"parameters\":{c.Parameters}}}"));
    }

    private static IEnumerable<HostileRequest> Options()
    {
        string[] options =
        [
            "{\"retries\":-1}", "{\"retries\":\"x\"}", "{\"retries\":1e10}", "{\"chunkTimeoutSeconds\":-1}", "{\"chunkTimeoutSeconds\":\"NaN\"}",
            "{\"chunkTimeoutSeconds\":\"Infinity\"}", "{\"chunkTimeoutSeconds\":1e308}", "{\"retentionSeconds\":\"NaN\"}", "{\"retentionSeconds\":\"-Infinity\"}",
            "{\"retentionSeconds\":1e308}", "{\"retentionSeconds\":3e11}", "{\"retentionSeconds\":-1}", "{\"stopOnFirstError\":\"yes\"}", "{\"stopOnFirstError\":1}",
        ];
        return options.Select(o => Submit($"options {o}", $"{{\"kernel\":\"noop\",\"parameters\":{{\"n\":1}},\"options\":{o}}}"));
    }

    private static IEnumerable<HostileRequest> Ids()
    {
        string[] ids = ["", ".", "..", "a/b", "a\\\\b", " ", "\\u0000", "\\n", new string('i', 10_000), "%2e%2e", "id?x=1", "id#frag"];
        return ids.Select((id, i) => Submit($"job id #{i:00} ('{(id.Length > 20 ? id[..20] + "…" : id)}')", $"{{\"kernel\":\"noop\",\"parameters\":{{\"n\":1}},\"id\":\"{id}\"}}"));
    }

    private static IEnumerable<HostileRequest> Futures()
    {
        string[] futures = ["{\"$future\":1}", "{\"$future\":\"\"}", "{\"$future\":\"..\"}", "{\"$future\":\"a/b\"}", "{\"$future\":null}", "{\"$future\":[\"a\"]}", "{\"$future\":{}}", "{\"$future\":\"x\",\"other\":1}"];
        return futures.Select(f => Submit($"$future {f}", $"{{\"kernel\":\"noop\",\"parameters\":{{\"n\":{f}}}}}"))
            .Append(Submit("$future naming its own job", "{\"kernel\":\"noop\",\"id\":\"self-ref\",\"parameters\":{\"n\":{\"$future\":\"self-ref\"}}}"));
    }

    private static IEnumerable<HostileRequest> ContentTypes()
    {
        const string body = "{\"kernel\":\"noop\",\"parameters\":{\"n\":1}}";
        string?[] types = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", null, "application/json; charset=utf-7"];
        return types.Select(t => Submit($"submit as {t ?? "no content type"}", body, t))
            .Append(new HostileRequest("wait as text/plain", "POST", "/api/jobs/any/wait", "{\"timeoutSeconds\":1}", "text/plain"))
            .Append(new HostileRequest("batch as text/plain", "POST", "/api/jobs/batch", "{\"jobs\":[]}", "text/plain"));
    }

    private static IEnumerable<HostileRequest> Sizes()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000);
        return
        [
            Submit("body over Compute:MaxBodyBytes", $"{{\"kernel\":\"noop\",\"pad\":\"{new string('x', MaxBodyBytes * 2)}\"}}"),
            Submit("parameters nested 10000 arrays deep", $"{{\"kernel\":\"noop\",\"parameters\":{deep}}}"),
            Submit("parameters nested 5000 objects deep", $"{{\"kernel\":\"noop\",\"parameters\":{deepObject}}}"),
            Submit("a number of 100000 digits", $"{{\"kernel\":\"noop\",\"parameters\":{{\"n\":{new string('9', 100_000)}}}}}"),
            new("batch over Compute:MaxBodyBytes", "POST", "/api/jobs/batch", $"{{\"jobs\":[{string.Join(',', Enumerable.Repeat("{\"kernel\":\"noop\"}", MaxBodyBytes / 8))}]}}"),
        ];
    }

    private static IEnumerable<HostileRequest> Queries()
    {
        string[] listLimits = ["0", "-1", "abc", "1e9", "99999999999999999999", "NaN", "10001", ""];
        string[] orders = ["1", "-1", "input,completion", "foo", "INPUT%00", "%20"];
        string[] offsets = ["-1", "abc", "1e3", "9223372036854775808"];
        string[] pageLimits = ["0", "-5", "abc", "100001", "2147483648"];
        return listLimits.Select(l => new HostileRequest($"GET /api/jobs?limit={l}", "GET", $"/api/jobs?limit={l}"))
            .Concat(orders.Select(o => new HostileRequest($"results?order={o}", "GET", $"/api/jobs/any/results?order={o}")))
            .Concat(orders.Take(3).Select(o => new HostileRequest($"results/stream?order={o}", "GET", $"/api/jobs/any/results/stream?order={o}")))
            .Concat(offsets.Select(o => new HostileRequest($"results?offset={o}", "GET", $"/api/jobs/any/results?offset={o}")))
            .Concat(pageLimits.Select(l => new HostileRequest($"results?limit={l}", "GET", $"/api/jobs/any/results?limit={l}")))
            .Append(new HostileRequest("dashboard jobs?limit=0", "GET", "/dashboard/api/jobs?limit=0"))
            .Append(new HostileRequest("dashboard jobs?limit=abc", "GET", "/dashboard/api/jobs?limit=abc"));
    }

    private static IEnumerable<HostileRequest> Waits()
    {
        string[] bodies =
        [
            "{\"timeoutSeconds\":\"NaN\"}", "{\"timeoutSeconds\":\"Infinity\"}", "{\"timeoutSeconds\":-1}", "{\"timeoutSeconds\":1e308}", "{\"timeoutSeconds\":\"x\"}",
            "{\"returnWhen\":5}", "{\"returnWhen\":\"foo\"}", "{\"returnWhen\":null}", "{\"returnWhen\":-1}", "{", "[]",
        ];
        return bodies.Select(b => new HostileRequest($"wait {b}", "POST", "/api/jobs/any/wait", b));
    }

    private static IEnumerable<HostileRequest> Batches()
    {
        string[] batches =
        [
            "{\"jobs\":[]}", "{\"jobs\":null}", "{}", "{\"jobs\":[1,2]}", "{\"jobs\":[null]}", "{\"jobs\":[{\"kernel\":\"julai\"}]}", "{\"jobs\":\"noop\"}",
            "{\"jobs\":[{\"kernel\":\"noop\",\"id\":\"dup\"},{\"kernel\":\"collatz\",\"id\":\"dup\"}]}",
        ];
        string[] waits = ["{\"ids\":[]}", "{\"ids\":null}", "{\"ids\":[1]}", "{\"ids\":[\"a\"],\"timeoutSeconds\":\"NaN\"}", "{\"ids\":[\"a\"],\"returnWhen\":7}"];
        string[] completions = ["{\"ids\":[]}", "{\"ids\":null}", "{\"ids\":\"a\"}"];
        return batches.Select(b => new HostileRequest($"batch {b}", "POST", "/api/jobs/batch", b))
            .Append(new HostileRequest("batch of 10001 jobs", "POST", "/api/jobs/batch", $"{{\"jobs\":[{string.Join(',', Enumerable.Repeat("{\"kernel\":\"noop\"}", 10_001))}]}}"))
            .Concat(waits.Select(w => new HostileRequest($"wait many {w}", "POST", "/api/jobs/wait", w)))
            .Concat(completions.Select(c => new HostileRequest($"completions {c}", "POST", "/api/jobs/completions", c)));
    }

    private static IEnumerable<HostileRequest> Http() =>
    [
        new("status of a job that does not exist", "GET", "/api/jobs/no-such-job"),
        new("result of a job that does not exist", "GET", "/api/jobs/no-such-job/result"),
        new("chunks of a job that does not exist", "GET", "/api/jobs/no-such-job/chunks"),
        new("image of a job that does not exist", "GET", "/api/jobs/no-such-job/image"),
        new("cancel of a job that does not exist", "POST", "/api/jobs/no-such-job/cancel"),
        new("job id with an encoded space", "GET", "/api/jobs/a%20b"),
        new("job id with encoded dots", "GET", "/api/jobs/..%2F..%2Fetc"),
        new("dashboard detail of a job that does not exist", "GET", "/dashboard/api/jobs/no-such-job"),
        new("PUT on the jobs list", "PUT", "/api/jobs", "{}"),
        new("DELETE a job", "DELETE", "/api/jobs/no-such-job"),
        new("PATCH the cluster", "PATCH", "/api/cluster", "{}"),
        new("GET on the submit-only batch route", "GET", "/api/jobs/batch/wait"),
        new("a route that does not exist", "GET", "/api/nothing-here"),
    ];
}
