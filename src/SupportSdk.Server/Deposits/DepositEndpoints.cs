using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Tickets;

namespace SupportSdk.Server.Deposits;

/// <summary><c>GET /v1/deposits/lookup?network=&amp;txId=</c>: "where is my deposit?" answered from the exchange's lookup, in the customer's language.</summary>
internal static class DepositEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/deposits/lookup", LookupAsync).Allow(PrincipalKinds.User).WithTags("Deposits")
            .Produces<DepositLookup>().WithName("LookupDeposit");

    private static async Task<IResult> LookupAsync(HttpContext http, DepositLookups lookups, IOptions<SupportServerOptions> options)
    {
        var network = http.Request.Query["network"].ToString().Trim();
        var txId = http.Request.Query["txId"].ToString().Trim();
        var check = new Validation();
        foreach (var (field, problem) in TransactionRules.ValidateReference(network, txId))
        {
            check.Add(field, problem);
        }

        check.ThrowIfInvalid();
        var caller = http.Principal();
        var found = await lookups.LookupAsync(caller.Id, network, txId, caller.Locale ?? options.Value.DefaultLocale, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(found, WireJson.Support.DepositLookup);
    }
}
