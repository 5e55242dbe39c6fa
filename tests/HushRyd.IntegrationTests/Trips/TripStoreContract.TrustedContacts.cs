using HushRyd.Trips.TrustedContacts;
using static HushRyd.IntegrationTests.Trips.TripSamples;

namespace HushRyd.IntegrationTests.Trips;

public abstract partial class TripStoreContract
{
    [SkippableFact]
    public async Task Trusted_contacts_are_replaced_as_a_whole_and_read_back_in_the_order_given()
    {
        await using var stores = await OpenAsync();
        TrustedContact[] first = [new("Asha", "+919800000011", "asha@example.in"), new("Ravi", "+919800000012", null)];
        TrustedContact[] second = [new("Meera", "+919800000013", null), new("Asha", "+919800000011", null)];

        Assert.Empty(await stores.Contacts.GetAsync("usr_new", None));
        await stores.Contacts.SaveAsync("usr_a", first, Now, None);
        Assert.Equal(first, await stores.Contacts.GetAsync("usr_a", None));
        await stores.Contacts.SaveAsync("usr_a", second, Now.AddDays(1), None);
        await stores.Contacts.SaveAsync("usr_b", first, Now, None);

        Assert.Equal(second, await stores.Contacts.GetAsync("usr_a", None));
        Assert.Equal(first, await stores.Contacts.GetAsync("usr_b", None));
        await stores.Contacts.SaveAsync("usr_b", [], Now.AddDays(1), None);
        Assert.Empty(await stores.Contacts.GetAsync("usr_b", None));
    }
}
