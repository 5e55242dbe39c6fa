using HushRyd.Platform.Trips;
using HushRyd.Sos.Api;
using HushRyd.Workflows.Sos.Alerts;

namespace HushRyd.UnitTests.Sos;

public sealed class SosAlertViewTests
{
    private static readonly SosAlert Alert = new(
        "sos_1", "usr_raiser", "+919812300001", "key-1", "trp_1", "usr_driver", 12.97, 77.59, "help", DateTimeOffset.UnixEpoch,
        [new SosContact("Asha", "+919812300002", null)], SosStatus.Active, 0, null, null, null, null, WorkflowStarted: true,
        new TripVehicle("KA 01 AB 1234", "Maruti Suzuki Swift", "White"));

    [Fact]
    public void The_desk_sees_who_raised_the_alert_by_phone_in_the_list_and_with_contacts_and_timeline_in_the_detail()
    {
        var listed = SosAlertView.Of(Alert, null);
        var detailed = SosAlertView.Of(Alert, [new SosTimelineEntry(DateTimeOffset.UnixEpoch, SosTimelineKinds.Raised)]);

        Assert.Equal("+919812300001", listed.RaisedByPhone);
        Assert.Null(listed.TrustedContacts);
        Assert.Null(listed.Timeline);
        Assert.Equal("+919812300001", detailed.RaisedByPhone);
        Assert.Equal("Asha", Assert.Single(detailed.TrustedContacts!).Name);
        Assert.Single(detailed.Timeline!);
    }

    [Fact]
    public void A_trusted_contact_following_the_share_link_sees_the_vehicle_but_neither_the_raisers_phone_nor_the_other_contacts()
    {
        var shared = SosAlertView.Of(Alert, null, forTrustedContact: true);

        Assert.Null(shared.RaisedByPhone);
        Assert.Null(shared.TrustedContacts);
        Assert.Null(shared.Timeline);
        Assert.Equal("active", shared.Status);
        Assert.Equal("KA 01 AB 1234", shared.Vehicle?.Registration);
    }
}
