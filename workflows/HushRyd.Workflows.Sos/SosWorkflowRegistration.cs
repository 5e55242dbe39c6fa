using Dapr.Workflow;
using HushRyd.Workflows.Sos.Activities;
using HushRyd.Workflows.Sos.WarmUp;
using HushRyd.Workflows.Sos.Workflows;

namespace HushRyd.Workflows.Sos;

public static class SosWorkflowRegistration
{
    /// <summary>The SOS workflow and its activities, for <c>AddDaprWorkflow</c> (daprd or the embedded sidecar alike).</summary>
    public static void RegisterSos(this WorkflowRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RegisterWorkflow<SosWorkflow>();
        options.RegisterActivity<ConfirmPersistedActivity>();
        options.RegisterActivity<StartTrackingActivity>();
        options.RegisterActivity<NotifyDeskActivity>();
        options.RegisterActivity<NotifyTrustedContactActivity>();
        options.RegisterActivity<ReadAlertStatusActivity>();
        options.RegisterActivity<EscalateActivity>();
        options.RegisterActivity<StopTrackingActivity>();
        options.RegisterActivity<NotifyClosedActivity>();
        options.RegisterWorkflow<WarmUpWorkflow>();
        options.RegisterActivity<WarmUpActivity>();
    }
}
